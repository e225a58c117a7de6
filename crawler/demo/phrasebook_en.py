"""English headlines, intros and per-site framing for single-show articles.

Templates use ``<a|b>`` alternatives (``variety.vary``) and placeholders
filled by ``writer_en``: {T} title, {P} platform, {G} genre, {PR} premise,
{C1} {C2} {C3} characters, {n} next season, {x} previous season, {A} {A2}
actors, {R} role, {MONTH}, {DATE} premiere date, {X} a number, {E} episode,
{ET} episode title, {SRC} sourcing phrase, {V} review verdict, {H} trailer
hook, {OTHER} another show, {N} episode count, {W} weeks, {SCORE}, {ADJ},
plus the invented details of ``variety.invented_details`` ({SR} showrunner,
{EXEC} executive, {CREW} with {JOB}, {CRITIC} of {OUTLET}, {CITY}, {VENUE},
{FEST}, {DAYS}, {EXTRAS}, {SETS}, {BUDGET}, {MIN}, {PCT}, {HOURS}, {K}, ...).
The sentence pools for the body live in ``phrasebook_en_body``.
"""
from __future__ import annotations

TITLES: dict[str, tuple[str, ...]] = {
    "renewal": (
        "{T} renewed for season {n} at {P}",
        "{P} orders season {n} of {T}",
        "It's official: {T} is coming back for season {n}",
        "{T} season {n} confirmed as {P} doubles down on its {G}",
        "{T} gets the green light for a season {n}",
        "{P} brings back {T} for season {n} after <record|strong|steady> run",
        "{T} will return: {P} <locks in|commits to> season {n}",
        "{SR_LAST}'s {T} secures season {n} pickup",
        "{T} lives on: season {n} <ordered|greenlit> with {N} episodes",
        "Renewal roundup: {T} is safe for season {n}",
    ),
    "casting": (
        "{A} joins {T} season {n} as {R}",
        "{T} season {n} adds {A} in a mystery role",
        "{T} casts {A} and {A2} for season {n}",
        "Exclusive: {A} boards {T} as {R}",
        "{A} set to play {R} in {T}",
        "{T} taps {A} for season {n} <recurring|series regular> role",
        "{A} <lands|nabs> {R} part in {T} season {n}",
        "{T} season {n} casting: {A} and {A2} <sign on|join the ensemble>",
    ),
    "trailer": (
        "{T} season {n} trailer teases {H}",
        "Watch: first look at {T} season {n} shows {H}",
        "New {T} teaser promises {H}",
        "{T} season {n} trailer is here, and it is all about {H}",
        "{T} drops season {n} trailer <shot in|filmed around> {CITY}",
        "Five things we spotted in the {T} season {n} trailer",
        "{T} teaser: {C1} <returns|is back> as season {n} promises {H}",
    ),
    "premiere_date": (
        "{T} season {n} sets {DATE} premiere on {P}",
        "{T} returns {DATE}: everything to know about season {n}",
        "{P} dates {T} season {n} for {DATE}",
        "Mark your calendars: {T} season {n} arrives {DATE}",
        "{T} season {n} <lands|locks in> a {DATE} launch",
        "When does {T} season {n} start? {P} says {DATE}",
    ),
    "review": (
        "{T} season {n} review: {V}",
        "Review: {T} {V}",
        "'{T}' season {n} is {V}, our review says",
        "{T} season {n}: {V} ({SCORE}/10)",
        "{T} season {n} review: {C1} carries a season that is {V}",
        "Is {T} season {n} worth watching? Our verdict: {V}",
        "Critic's take: {T} returns, {V}",
    ),
    "recap": (
        "{T} season {n}, episode {E} recap: {ET}",
        "'{T}' recap: '{ET}' changes everything for {C1}",
        "{T} episode {E} recap — {ET}",
        "{T} recap: {C1} and {C2} face '{ET}'",
        "{T} season {n} episode {E}: '{ET}' <explained|recapped>",
        "'{ET}': the {T} episode that <upended|rewired> season {n}",
    ),
    "ratings": (
        "{T} tops {P} charts with {X} million views",
        "Streaming ratings: {T} leads a crowded week with {X} million hours",
        "{T} season {n} opens to {X} million views in its first {W} days",
        "{T} holds the top spot on {P} for a {WTH} straight week",
        "{T} climbs to {X} million views, <beating|edging past> {OTHER}",
        "Charts: {T} <dominates|rules> week {W} with {X} million views",
    ),
    "interview": (
        "{A} on {T}: 'We wanted {C1} to feel {ADJ}'",
        "Inside {T}: {A} talks season {n} and {C1}'s big choice",
        "{A} opens up about playing {R} in {T}",
        "Q&A: {A} says {T} season {n} will feel {ADJ}",
        "{T} star {A} on {CITY}, long nights and season {n}",
        "'It broke me a little': {A} on the hardest {T} scene",
    ),
    "explainer": (
        "{T} ending explained: what happened to {C1}?",
        "Who is {C2}? The {T} character explained",
        "{T} timeline explained before season {n}",
        "How to watch {T} in order, and what to remember before season {n}",
        "{T} season {n}: everything we know so far",
        "{T} refresher: {K} details to remember before season {n}",
        "The biggest {T} theories, ranked before season {n}",
    ),
}

INTRO: dict[str, tuple[str, ...]] = {
    "renewal": (
        "{P} <has renewed|renewed|has brought back> {T} for <a season {n}|season {n}|another season>, <confirming|announcing|revealing> on {WEEKDAY_LC} that the {G} <will return|is coming back|lives on>.",
        "<The wait is over|Relief at last|It is settled> for <fans of {T}|{T} fans|the {T} faithful>: {P} <has officially|has formally|just> ordered season {n}.",
        "{T} <is not going anywhere|is staying put|will be back>. {P} <announced|confirmed|said> <that the series|the show> <has been renewed|will return|gets another run> <for|with> season {n}.",
        "<After weeks|After months|Following weeks> of <speculation|rumours|silence>, {P} <has handed|gave|granted> {T} <a season {n} renewal|a season {n} order|one more season>.",
        "{EXEC} <of|at|from> {P} <confirmed|announced|revealed> <a season {n} order|the renewal|season {n}> for {T} <during|at|on stage at> {FEST} on {WEEKDAY_LC}.",
        "Season {n} of {T} is <happening|a go|official>: {P} <signed off on|approved|greenlit> <the order|it> <less than|barely|just> {W} weeks after <the season {x} finale|season {x} ended>.",
        "<Creator|Showrunner> {SR} <will get to|can|gets to> <keep going|continue|finish the story>, <because|now that|as> {P} <has picked up|has renewed|ordered more of> {T}.",
    ),
    "casting": (
        "{T} <has found|has cast|finally has> {R}. {A} <has joined|is joining|signed on to> <the cast|the ensemble> <of|for> season {n}, {SRC} <confirmed|said>.",
        "{A} <is the latest addition to|is the newest face in|has been added to> {T}, <signing on|joining|coming aboard> for season {n} in <a role described as|the part of> {R}.",
        "<Casting news for|New casting on|A casting update from> {T}: {A} <will appear|is set to appear|has been cast> in season {n}, <playing|as|portraying> {R}.",
        "<The cast of|The ensemble of|The world of> {T} <keeps growing|expands again|gets bigger>, with {A} <now set for|now cast in|taking> <a key|a pivotal|a central> <part|role> in season {n}.",
        "{A} <has landed|will take on|secured> the role of {R} in season {n} of {T}, <according to|per|citing> {SRC}.",
        "<Casting director|Casting chief> {CREW} <has filled|has cast|settled> one of <the most guarded|the most talked-about|the biggest> <roles|parts> in {T}: {A} <will play|is> {R}.",
    ),
    "trailer": (
        "{P} <has released|dropped|unveiled> <the first full trailer|a full trailer|the official trailer> for {T} season {n}, and it <leans hard|leans heavily|goes all in> <into|on> {H}.",
        "<The new|The latest|A new> {T} trailer <runs|lasts|is> <just over|a little under|about> two minutes and <teases|hints at|promises> {H}.",
        "<A fresh look|New footage|A first look> at {T} season {n} <arrived|landed|went up> <on {WEEKDAY_LC}|this week|overnight>, <offering|giving|with> <glimpses of|a peek at|hints of> {H}.",
        "<Fans finally have footage|The footage is here|At last, footage>: <the season {n} trailer|a season {n} teaser> for {T} <dropped|arrived|is out>, <promising|teasing|pointing to> {H}.",
        "{P} <unveiled|premiered|debuted> the {T} season {n} trailer <at|during> {FEST}, <and it hints at|teasing|with a focus on> {H}.",
        "<{MIN} seconds|Barely a minute|Ninety seconds> of footage <was all it took|is enough|says plenty>: the {T} season {n} teaser <is out|has landed|arrived> and <points to|hints at|suggests> {H}.",
    ),
    "premiere_date": (
        "{T} season {n} <will premiere|premieres|arrives> on {DATE}, {P} <announced|confirmed|said>.",
        "{P} <has set|picked|locked in> {DATE} as <the premiere date|the launch date|the return date> for season {n} of {T}.",
        "Season {n} of {T} <now has|finally has|has been given> a <firm|confirmed|fixed> date: {DATE}.",
        "{EXEC} <revealed|confirmed|announced> <at|during|on stage at> {FEST} that {T} <returns|will return|comes back> on {DATE}.",
        "<Circle|Mark|Save> {DATE} <on the calendar|in your diary|on your schedule>: <that is when|that is the day> {T} season {n} <arrives|lands|returns> on {P}.",
    ),
    "review": (
        "Season {n} of {T} is {V}. <That is the short version|That is the headline|That is the gist> of <a long, strange ride|{N} uneven hours|a busy season>.",
        "{T} <returns|is back|comes back> for season {n}, and <the result|what we get|the outcome> is {V}.",
        "<Going into|Heading into|Before> season {n}, {T} had <a lot|plenty|something> to prove. <The verdict|My verdict|The answer>: {V}.",
        "<Eight|Seven|Six> episodes in, season {n} of {T} <looks like|feels like|plays like> {V}.",
        "I watched <all of|every episode of> {T} season {n} <in two sittings|over one long weekend|across {K} nights>, and it is {V}.",
        "{SR}'s {T} is back for season {n}, and <for better or worse|on balance|overall> it is {V}.",
    ),
    "recap": (
        "Episode {E} of {T}, <titled|called|named> '{ET}', <puts|leaves|places> {C1} in <an impossible position|a terrible bind|real trouble>.",
        "'{ET}' is <the episode|the hour|the chapter> of {T} season {n} that <fans|everyone|viewers> will be <arguing about|discussing|dissecting> <all week|for days|until next week>.",
        "<This week's|The latest|Tonight's> {T}, '{ET}', <opens quietly|starts slow|begins calmly> before <tipping into chaos|spiralling|exploding> for {C1} and {C2}.",
        "<Directed by|Helmed by|From director> {CREW}, '{ET}' <is|might be|could be> <the tensest|the strangest|the best> <hour|episode> of {T} season {n} <so far|yet|to date>.",
        "<Spoilers ahead|Spoiler warning|Fair warning, spoilers follow>: episode {E} of {T}, '{ET}', <ends|closes|wraps up> with a <twist|reveal|turn> <nobody saw coming|few predicted|that changes everything>.",
    ),
    "ratings": (
        "{T} was <the most-watched|the most-streamed|the top> series on {P} <last week|this week|in week {W}>, <logging|with|pulling in> {X} million views.",
        "<The numbers are in|The charts are out|New data is in>, and {T} <dominated|topped|led> <the streaming charts|the rankings|the top ten> with {X} million views.",
        "{T} <racked up|logged|collected> {X} million views in its first {W} days, <according to|per|citing> {P}.",
        "<New|Fresh|Latest> figures from {P} put {T} at {X} million views, <its best|a strong|a record> week <since launch|in a year|so far>.",
        "{T} <pulled in|logged|drew> {X} million views <in week {W}|last week|over seven days>, <according to|based on|per> data released by {P}.",
    ),
    "interview": (
        "{A}, who plays {R} in {T}, <sat down with us|spoke to us|talked with us> <ahead of|before|in the run-up to> season {n}.",
        "For {A}, <joining|signing on to|stepping into> {T} meant <rethinking|reinventing|relearning> <everything about|how to play|the whole idea of> {R}.",
        "We <spoke with|talked to|caught up with> {A} about {T}, season {n} and <what comes next for|the future of|where it leaves> {C1}.",
        "{A} <arrives|shows up|turns up> to <our interview|our conversation|lunch> in {CITY} <straight from|fresh off|right after> <a night shoot|a long day on set> for {T}.",
        "<Over coffee|Over a late lunch|On a video call> <in|from> {CITY}, {A} <talked|opened up|spoke frankly> about {T}, {R} and <season {n}|the year ahead|what is next>.",
    ),
    "explainer": (
        "{T} <left|has left|leaves> <plenty of|lots of|many> questions <unanswered|open|hanging>, so here is <a guide|a primer|a rundown> <to where things stand|on the state of play|before season {n}>.",
        "With season {n} of {T} <on the horizon|coming|not far off>, <it is a good moment|now is the time|this is a good week> to <catch up|refresh your memory|get up to speed>.",
        "If you have <lost track of|forgotten|fallen behind on> {T}, <this explainer|this guide|this piece> <covers|walks through|collects> <what you need|the essentials|the key points> before season {n}.",
        "<Before|Ahead of|In advance of> season {n}, here are the {T} <details|threads|plot points> worth <remembering|revisiting|keeping in mind>.",
        "<It has been|It feels like> <a long|a very long|an age of a> time since we <last saw|left> {C1}, so <here is|this is|consider this> a {T} <refresher|recap|catch-up>.",
    ),
}

# How each site opens a story (prepended to the intro sentence) and signs off.
SITE_LEADS: dict[str, tuple[str, ...]] = {
    "demo-reelbuzz": (
        "<Big|Good|Great> news for <fans of {T}|the {T} fandom|{T} lovers>!",
        "<Here is some news|This one is|Listen up> for every <fan|devotee> of {T} <out there|on our feed|reading this>.",
        "<Drop everything|Hold on to your popcorn|Grab a snack>, {T} <fans|lovers|watchers>.",
        "", "",
    ),
    "demo-screenwire": ("", "", "", "<LOS ANGELES|NEW YORK|ATLANTA> —", "<Exclusive|First on ScreenWire|Scoop>:"),
    "demo-tvgazette": (
        "<TV Gazette|The Gazette> <has learned|can report|confirms> <the following|this news|the details>.", "", "",
        "<Here is|This is> the <latest|newest|freshest> <from the {T} camp|on {T}|{T} news>.",
    ),
}
SITE_SIGNOFFS: dict[str, tuple[str, ...]] = {
    "demo-reelbuzz": (
        "<Keep it locked|Stay tuned|Stick around> <to|with> ReelBuzz for <more|all the latest|every update> on {T}.",
        "<What do you think?|Excited?|Thoughts?> <Tell us|Let us know|Sound off> <in the comments|below>, <and follow|and keep reading|then follow> ReelBuzz <for more|for further> {T} <news|updates|coverage>.",
    ),
    "demo-screenwire": (
        "ScreenWire <will update|is updating|will refresh> this <story|report> <as|when> <more|new|further> details <emerge|become available|surface>.",
        "<Reporting|Additional reporting|Research> <by|from> <the ScreenWire TV desk|ScreenWire staff|our {CITY} bureau>.",
    ),
    "demo-tvgazette": (
        "<Have a tip|Know more|Got information> about {T}? <Write to|Contact|Reach> <the TV Gazette newsroom|our newsroom|the Gazette>.",
        "<TV Gazette|The Gazette|This paper> will <follow|keep following|track> {T} <through|into|across> season {n}.",
    ),
}

FILL: dict[str, tuple[str, ...]] = {
    "R": ("a reclusive scientist", "a rival strategist", "a charming newcomer", "a former ally",
          "an enigmatic mentor", "a ruthless investigator", "a long-lost sibling", "a corporate fixer",
          "a disgraced surgeon", "a smooth-talking lawyer", "a runaway heir", "a retired smuggler",
          "an ambitious junior officer", "a grieving widow"),
    "H": ("a darker chapter", "a long-awaited reunion", "a deadly new rule", "an unlikely alliance",
          "a betrayal nobody saw coming", "a brand-new setting", "a race against time",
          "a wedding gone wrong", "a mysterious new villain", "a jump forward in time",
          "a siege at a remote outpost", "a secret from the past"),
    "V": ("a confident return to form", "messy but often thrilling", "its most ambitious season yet",
          "a slow burn that pays off", "uneven, yet impossible to stop watching",
          "a triumph for its cast", "bigger, louder and a little emptier", "a quiet knockout",
          "a frustrating near miss", "sharper than it has any right to be", "comfort viewing with teeth",
          "handsome but hollow"),
    "SRC": ("a person familiar with the production", "a source close to the show",
            "two people with knowledge of the plans", "the studio", "an insider",
            "a spokesperson for the series", "the show's producers"),
    "ADJ": ("more human", "dangerous again", "completely unpredictable", "lonely", "honest",
            "fragile", "frightening", "funny again"),
}
