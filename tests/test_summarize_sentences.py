from digest.summarize.sentences import (
    can_be_bullet,
    clean_sentence,
    is_caption,
    is_junk,
    is_label,
    points_back,
    split_run_on,
    summary_sentences,
    unwrap,
)


def test_datelines_are_stripped():
    assert clean_sentence("(CNN)Blues legend B.B. King was hospitalized.") == "Blues legend B.B. King was hospitalized."
    assert clean_sentence("Kathmandu, Nepal (CNN)Rescuers pulled a man out.") == "Rescuers pulled a man out."
    assert clean_sentence("LONDON (Reuters) - Shares fell on Monday.") == "Shares fell on Monday."
    assert clean_sentence("WASHINGTON -- The Senate voted late.") == "The Senate voted late."
    # An ordinary opening is left alone.
    assert clean_sentence("US President Joe Biden has warned Putin.") == "US President Joe Biden has warned Putin."
    assert clean_sentence("A (small) fire broke out.") == "A (small) fire broke out."
    # A subject with its acronym, no dash after it, is not a dateline.
    for subject in ("The Crown Prosecution Service (CPS) will reveal its decision.",
                    "The Asian Civilisation Museum (ACM) bought the artwork in 2007."):
        assert clean_sentence(subject) == subject
    assert clean_sentence("Boston (CNN)Guilty across the board.") == "Guilty across the board."
    assert clean_sentence("(The Hollywood Reporter) Stan Freberg has died.") == "Stan Freberg has died."
    # Round 3: a date before the agency, a place and its state, an all-capitals place and a colon.
    assert clean_sentence("NEW YORK, March 3 (AP) -- Stocks rose.") == "Stocks rose."
    assert clean_sentence("BEIJING, Jan. 5 (Xinhua) -- China said no.") == "China said no."
    assert clean_sentence("Cape Canaveral, Fla. — NASA launched it.") == "NASA launched it."
    assert clean_sentence("WASHINGTON — The Senate voted.") == "The Senate voted."
    assert clean_sentence("NEW DELHI: India said no.") == "India said no."
    assert clean_sentence("[서울=뉴시스]김철수 기자 = 정부는 발표했다.") == "정부는 발표했다."
    # A subject with a dash after it is not a place.
    assert clean_sentence("Manchester United — who lost — won.") == "Manchester United — who lost — won."


def test_share_bars_and_video_prompts_are_removed():
    shared = "Share this withEmailFacebookTwitterCopy this linkResearchers found a cure."
    assert clean_sentence(shared) == "Researchers found a cure."
    assert clean_sentence("Scroll down for video The Prime Minister spoke today.") == "The Prime Minister spoke today."
    assert clean_sentence("Media playback is not supported on this device Chelsea won 2-0.") == "Chelsea won 2-0."


def test_bylines_and_credits_are_junk():
    for junk in ("By .", "By John Smith and Jane Doe", "PUBLISHED: . 10:37 EST, 2 July 2013 .", "Photo: AP",
                 "Click here for the full story.", "READ MORE: the other story", "(Getty Images)",
                 "Source: Office for National Statistics",
                 "By Matthew Digby, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.",
                 "Sun Visor Spray, SPF 30 £40 for 80ml, Space NK stores CLAIMS: This protects against UVA rays."):
        assert is_junk(junk), junk
    # "By" opening a statement is not a byline.
    assert not is_junk("By Monday's close, the Jakarta Stock Exchange was down 2.1% at 1,011.15.")
    assert not is_junk("Bystanders said the fire spread quickly through the building.")


def test_run_on_captions_are_split_off():
    caption = ("Fighter ace: Douglas Bader's story is to be told in a Hollywood film dubbed ‘The First Great Escape’ "
               "The story of how Douglas Bader recovered from having both legs amputated is remarkable enough.")
    assert split_run_on(caption) == [
        "Fighter ace: Douglas Bader's story is to be told in a Hollywood film dubbed ‘The First Great Escape’.",
        "The story of how Douglas Bader recovered from having both legs amputated is remarkable enough.",
    ]
    # A title after "in" is not a new sentence, and short sentences are never split.
    title = ("The officer was involved in a mass break-out that pre-dated the one in 1944 immortalised in "
             "The Great Escape starring Steve McQueen and Richard Attenborough.")
    assert split_run_on(title) == [title]
    assert split_run_on("He met her in The Hague.") == ["He met her in The Hague."]


def test_summary_sentences_keep_order_and_drop_furniture():
    paragraphs = ["By . Jane Doe .", "(CNN) -- The storm hit the coast on Friday. It knocked out power to thousands."]
    assert summary_sentences(paragraphs, "en") == ["The storm hit the coast on Friday.", "It knocked out power to thousands."]
    byline = ("By . Jane Doe . PUBLISHED: . 10:37 EST, 2 July 2013 . | . UPDATED: . 12:13 EST, 2 July 2013 . "
              "The storm hit the coast on Friday.")
    assert summary_sentences([byline], "en") == ["The storm hit the coast on Friday."]


def test_poor_bullets():
    assert can_be_bullet("The storm knocked out power to thousands of homes on Friday.")
    assert not can_be_bullet("He said no.")  # a fragment
    assert not can_be_bullet("Will the storm knock out power to thousands of homes again?")
    assert not can_be_bullet("‘We lost everything we had in an hour on Friday.’")  # a quote without its speaker
    assert not can_be_bullet(" ".join(["word"] * 36) + ".")
    assert not can_be_bullet("I’m fortunate I was put into this position at a great club.")  # inside a quote
    assert not can_be_bullet("Then we went back to the house to look for the dog.")
    assert can_be_bullet("The US Army said the veterans of World War I were honoured.")
    assert not can_be_bullet("Moreover, the storm knocked out power to thousands of homes.")
    # A mild connective is the caller's call: it reads well right after its sentence.
    assert can_be_bullet("But the storm knocked out power to thousands of homes on Friday.")
    assert not can_be_bullet("Vote for your favourite storm photo in our gallery now!")


def test_labels_are_not_statements():
    for label in ("BREAKING NEWS.", "Chelsea 3 Arsenal 1.", "Man of the Match.", "Pictured Left To Right."):
        assert is_label(label), label
    for statement in ("Roads get less.", "He said no.", "Компания BMW выпустила новую модель.",
                      "현재 MBC는 이유리 주연의 드라마로 승부를 보고 있다.", "他说。"):
        assert not is_label(statement), statement


def test_hard_wrapped_lines_are_joined_but_headings_kept():
    wrapped = ("The council approved the budget on Monday after a long\n"
               "debate that ran late into the night. It raises taxes by\n"
               "two percent.")
    assert summary_sentences([wrapped], "en") == [
        "The council approved the budget on Monday after a long debate that ran late into the night.",
        "It raises taxes by two percent.",
    ]
    assert unwrap("Council approves budget\nThe council approved it.") == "Council approves budget\nThe council approved it."


def test_a_caption_run_into_a_sentence_before_the_is_split_off():
    sentence = ("A keeper feeds one of the two cheetah cubs born this spring at the Riverton Wildlife Park "
                "The cubs will go on show to visitors from the first week of the summer holidays.")
    assert split_run_on(sentence)[-1] == "The cubs will go on show to visitors from the first week of the summer holidays."
    # A title in capitals is not a sentence start.
    title = ("The band played songs from the new album at a sold-out concert in the Riverton Arena "
             "The Long Road Home tour continues in Leeds on Friday night with two more shows.")
    assert split_run_on(title) == [title]


def test_captions_whose_only_verb_is_pictured_are_dropped():
    assert is_caption("Riverton councillors pictured with the mayor at the reopening of the bridge last week.")
    assert is_caption("Tom Reed (behind the mayor, left) was also at the opening of the new bridge.")
    # A sentence in which someone was pictured is news.
    for sentence in ("Six councillors were pictured with the mayor at the reopening of the bridge last week.",
                     "Police released an image of a man pictured at the station on the night of the attack."):
        assert not is_caption(sentence)


def test_browser_notices_and_score_rows_are_junk():
    for notice in ("The video may not work in older browsers.",
                   "Please enable JavaScript to view the comments.",
                   "Your browser does not support the video tag."):
        assert is_junk(notice)
    assert is_junk("LeBron James 34 7 12 3 2.")
    assert is_junk("DL Sam Carter 63 85% 1 tackle (1 combined).")
    # A sentence with scores in it is still news.
    assert not is_junk("Riverton beat Hillside 6-4 6-4 and then won the doubles 7-6 (7-2) 6-1 on Sunday.")
    # News about browsers is news.
    assert not is_junk("The new browser will not work on devices older than five years, the company said.")


def test_a_quote_opened_after_said_and_never_closed_is_cut():
    assert not can_be_bullet("The council's engineer, Sam Reed, said: 'The bridge is not safe and it can't open yet.")
    assert can_be_bullet("The council's engineer, Sam Reed, said: 'The bridge is not safe and it can't open yet.'")
    assert can_be_bullet("The council's engineer, Sam Reed, said: ‘The bridge is not safe and it can’t open yet.’")


def test_the_n_with_a_qualifier_or_a_name_says_which_one():
    # Round 6: "The decision by ..." was refused as a lede and an off-point later sentence led.
    assert not points_back("The decision by Republican convention delegates to oppose abortion poses a challenge.")
    assert not points_back("The report from Gallup shows support rising.")
    assert not points_back("The deal that ended the strike was signed on Monday.")
    assert not points_back("The company Apple said sales rose.")
    assert points_back("The decision was criticised by unions.")
    assert points_back("The move was expected.")
    assert points_back("The six, who were arrested on Monday, were released.")
    assert points_back("The report's authors said the data was thin.")
