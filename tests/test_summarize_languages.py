"""Every language the summarizer has stop words and a stemmer for gets a lede and bullets.

Each text is a short made-up news item: a first sentence that says what
happened, then details. The lede must be that first sentence and two bullets
must follow it, in order, so none of the English-shaped clean-up rules
(capitals, full stops, word counts) may drop another language's sentences.
"""

from __future__ import annotations

import pytest

from digest.model import Article
from digest.summarize import summarize
from digest.summarize.language import SUMY_LANGUAGES

TEXTS = {
    "ar": ["أعلنت الحكومة يوم الثلاثاء عن خطة جديدة لبناء عشرة مستشفيات في المدن الكبرى.",
           "وقال وزير الصحة إن المستشفيات الجديدة ستفتح أبوابها خلال ثلاث سنوات.",
           "وتبلغ تكلفة المشروع نحو مليار دولار حسب البيان الرسمي للحكومة.",
           "ورحب الأطباء بالخطة لكنهم طالبوا بزيادة عدد الممرضين في المستشفيات."],
    "cs": ["Vláda v úterý schválila plán na stavbu deseti nových nemocnic ve velkých městech.",
           "Ministr zdravotnictví řekl, že nové nemocnice otevřou během tří let.",
           "Projekt bude stát zhruba miliardu korun podle oficiálního prohlášení vlády.",
           "Lékaři plán uvítali, ale požadují více zdravotních sester v nemocnicích."],
    "de": ["Die Regierung hat am Dienstag einen Plan für zehn neue Krankenhäuser in großen Städten beschlossen.",
           "Der Gesundheitsminister sagte, die neuen Krankenhäuser sollen in drei Jahren öffnen.",
           "Das Projekt kostet laut der Regierung rund eine Milliarde Euro.",
           "Ärzte begrüßten den Plan, forderten aber mehr Pflegekräfte in den Krankenhäusern."],
    "el": ["Η κυβέρνηση ενέκρινε την Τρίτη σχέδιο για δέκα νέα νοσοκομεία στις μεγάλες πόλεις.",
           "Ο υπουργός Υγείας δήλωσε ότι τα νέα νοσοκομεία θα ανοίξουν μέσα σε τρία χρόνια.",
           "Το έργο θα κοστίσει περίπου ένα δισεκατομμύριο ευρώ σύμφωνα με την κυβέρνηση.",
           "Οι γιατροί χαιρέτισαν το σχέδιο αλλά ζήτησαν περισσότερους νοσηλευτές στα νοσοκομεία."],
    "en": ["The government approved a plan on Tuesday to build ten new hospitals in the largest cities.",
           "The health minister said the new hospitals would open within three years.",
           "The project will cost about one billion pounds, according to the government.",
           "Doctors welcomed the plan but asked for more nurses in the hospitals."],
    "es": ["El Gobierno aprobó el martes un plan para construir diez hospitales nuevos en las grandes ciudades.",
           "El ministro de Sanidad dijo que los nuevos hospitales abrirán en tres años.",
           "El proyecto costará unos mil millones de euros, según el Gobierno.",
           "Los médicos celebraron el plan, pero pidieron más enfermeras en los hospitales."],
    "fr": ["Le gouvernement a approuvé mardi un plan pour construire dix nouveaux hôpitaux dans les grandes villes.",
           "Le ministre de la Santé a déclaré que les nouveaux hôpitaux ouvriront d'ici trois ans.",
           "Le projet coûtera environ un milliard d'euros, selon le gouvernement.",
           "Les médecins ont salué le plan mais réclament plus d'infirmières dans les hôpitaux."],
    "he": ["הממשלה אישרה ביום שלישי תוכנית לבניית עשרה בתי חולים חדשים בערים הגדולות.",
           "שר הבריאות אמר כי בתי החולים החדשים ייפתחו בתוך שלוש שנים.",
           "הפרויקט יעלה כמיליארד שקלים לפי הודעת הממשלה.",
           "הרופאים בירכו על התוכנית אך דרשו עוד אחיות בבתי החולים."],
    "it": ["Il governo ha approvato martedì un piano per costruire dieci nuovi ospedali nelle grandi città.",
           "Il ministro della Salute ha detto che i nuovi ospedali apriranno entro tre anni.",
           "Il progetto costerà circa un miliardo di euro, secondo il governo.",
           "I medici hanno accolto il piano ma chiedono più infermieri negli ospedali."],
    "ja": ["政府は火曜日、大都市に新しい病院を十か所建設する計画を承認した。",
           "厚生労働大臣は、新しい病院は三年以内に開院すると述べた。",
           "政府によると、事業費は約十億ドルになる見通しだ。",
           "医師らは計画を歓迎したが、病院の看護師を増やすよう求めた。"],
    "ko": ["정부는 화요일 대도시에 새 병원 열 곳을 짓는 계획을 승인했다.",
           "보건부 장관은 새 병원들이 삼 년 안에 문을 열 것이라고 말했다.",
           "정부에 따르면 사업비는 약 십억 달러에 이를 전망이다.",
           "의사들은 계획을 환영했지만 병원의 간호사를 늘려 달라고 요구했다."],
    "nl": ["De regering heeft dinsdag een plan goedgekeurd om tien nieuwe ziekenhuizen in de grote steden te bouwen.",
           "De minister van Volksgezondheid zei dat de nieuwe ziekenhuizen binnen drie jaar opengaan.",
           "Het project kost volgens de regering ongeveer een miljard euro.",
           "Artsen verwelkomden het plan maar vroegen om meer verpleegkundigen in de ziekenhuizen."],
    "pl": ["Rząd zatwierdził we wtorek plan budowy dziesięciu nowych szpitali w dużych miastach.",
           "Minister zdrowia powiedział, że nowe szpitale zostaną otwarte w ciągu trzech lat.",
           "Projekt będzie kosztował około miliarda złotych według rządu.",
           "Lekarze przyjęli plan z zadowoleniem, ale domagają się więcej pielęgniarek w szpitalach."],
    "pt": ["O governo aprovou na terça-feira um plano para construir dez novos hospitais nas grandes cidades.",
           "O ministro da Saúde disse que os novos hospitais vão abrir dentro de três anos.",
           "O projeto vai custar cerca de mil milhões de euros, segundo o governo.",
           "Os médicos saudaram o plano mas pediram mais enfermeiros nos hospitais."],
    "ru": ["Правительство во вторник одобрило план строительства десяти новых больниц в крупных городах.",
           "Министр здравоохранения сказал, что новые больницы откроются в течение трёх лет.",
           "Проект обойдётся примерно в миллиард рублей, сообщило правительство.",
           "Врачи приветствовали план, но попросили больше медсестёр в больницах."],
    "sk": ["Vláda v utorok schválila plán na výstavbu desiatich nových nemocníc vo veľkých mestách.",
           "Minister zdravotníctva povedal, že nové nemocnice otvoria do troch rokov.",
           "Projekt bude stáť približne miliardu eur podľa vyhlásenia vlády.",
           "Lekári plán privítali, ale žiadajú viac zdravotných sestier v nemocniciach."],
    "sv": ["Regeringen godkände på tisdagen en plan för att bygga tio nya sjukhus i de största städerna.",
           "Hälsoministern sade att de nya sjukhusen ska öppna inom tre år.",
           "Projektet kostar enligt regeringen omkring en miljard kronor.",
           "Läkare välkomnade planen men krävde fler sjuksköterskor på sjukhusen."],
    "uk": ["Уряд у вівторок схвалив план будівництва десяти нових лікарень у великих містах.",
           "Міністр охорони здоров'я сказав, що нові лікарні відкриються протягом трьох років.",
           "Проєкт коштуватиме близько мільярда гривень, повідомив уряд.",
           "Лікарі привітали план, але попросили більше медсестер у лікарнях."],
    "zh": ["政府周二批准了一项在大城市新建十家医院的计划。",
           "卫生部长表示，新医院将在三年内开业。",
           "据政府称，该项目耗资约十亿美元。",
           "医生们对该计划表示欢迎，但要求医院增加护士人数。"],
}


def test_every_supported_language_has_a_text():
    assert set(TEXTS) == set(SUMY_LANGUAGES)


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_each_language_gets_a_lede_and_bullets_in_order(code):
    sentences = TEXTS[code]
    joiner = "" if code in ("ja", "zh") else " "
    article = Article(path=f"{code}.txt", title=f"{code}", body=joiner.join(sentences), language=code)
    summary = summarize(article, bullets=2)
    assert summary.lede == sentences[0]
    assert len(summary.bullets) == 2
    assert all(bullet in sentences[1:] for bullet in summary.bullets)
    assert [sentences.index(b) for b in summary.bullets] == sorted(sentences.index(b) for b in summary.bullets)
    assert summary.keywords
