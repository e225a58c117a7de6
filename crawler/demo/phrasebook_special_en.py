"""English pools for storyline beats, roundups, traps, film and music stories.

Same template language as ``phrasebook_en`` (``<a|b>`` then ``{placeholders}``).
Every release-window line names its window verbatim ("late 2026", ...), so
the ground-truth ``release_claim`` can be checked against the text.
"""
from __future__ import annotations

WINDOW_TITLES: dict[str, tuple[str, ...]] = {
    "2026": ("{T} season {n} release date: {P} eyes a 2026 return",
             "When is {T} season {n} coming out? Everything points to 2026",
             "{T} season {n} <targets|aims for> 2026, <sources say|insiders say>"),
    "late 2026": ("{T} season {n} now looking like a late 2026 release",
                  "{T} season {n} pushed toward late 2026, reports say",
                  "{T} season {n}: why late 2026 <looks likely|is the new target>"),
    "early August 2026": ("{T} season {n}: early August 2026 date circulating",
                          "Is {T} season {n} coming in early August 2026? What we know",
                          "{T} season {n} <rumour|chatter>: early August 2026 <floated|in play>"),
    "early 2027": ("{T} season {n} may slip into early 2027",
                   "{T} season {n} delay? Release could slide into early 2027",
                   "{T} season {n} <release|premiere> <could be|may be> pushed to early 2027"),
    "official": ("{T} season {n} finally gets a premiere date: {OFFICIAL}",
                 "It's official: {T} season {n} premieres {OFFICIAL} on {P}",
                 "{P} <sets|confirms> {OFFICIAL} for {T} season {n}"),
}
WINDOW_LINES: dict[str, tuple[str, ...]] = {
    "2026": ("{P} <is said to be|is reportedly|is understood to be> <targeting|aiming for|eyeing> a 2026 release for season {n}, <though|but|although> no date <has been set|is fixed|exists yet>.",
             "<Industry chatter|Trade gossip|Talk around town> <points to|suggests|favours> a 2026 launch, with <post-production|the edit|finishing work> <expected to take|likely to need|set to run> <months|most of the spring|{K} months>.",
             "<People close to|Sources inside|Crew members on> the production <say|suggest|believe> season {n} of {T} is <pencilled in|planned|earmarked> for 2026."),
    "late 2026": ("<The latest reports|Recent reports|New reports> <point to|suggest|indicate> a late 2026 <debut|premiere|arrival> for season {n}.",
                  "A late 2026 <window|release|launch> <now looks likely|seems probable|is the new expectation>, <as|while|because> <visual effects work|the edit|sound mixing> <continues|drags on|runs long> in {CITY}.",
                  "<Two people|Several people|Three sources> <briefed on|familiar with|close to> the schedule <now expect|now predict|are now betting on> a late 2026 <premiere|launch|release> for {T}."),
    "early August 2026": ("Early August 2026 is <circulating|doing the rounds|being floated> as <a tentative|a possible|an unconfirmed> window <in some outlets|online|among fans>.",
                          "<Several reports|A few outlets|Some reports> have <floated|mentioned|named> early August 2026, <though|but|although> {P} has not <confirmed|endorsed|commented on> it.",
                          "<A post on|A report in|A newsletter from> {OUTLET} <named|claimed|suggested> early August 2026 as the <target|launch window|release slot> for season {n}."),
    "early 2027": ("<Some insiders|A few insiders|People near the production> <now suggest|now say|now warn> <the season|season {n}|the new run> may slip into early 2027.",
                   "<Editing|Effects work|Reshoots> and <marketing plans|promotional timing|scheduling> could push the release into early 2027, <people close to the show say|{SRC} said|insiders say>.",
                   "<The schedule|Post-production|The timetable> <has slipped|is running late|is behind>, and season {n} <could|may|might> now arrive in early 2027."),
    "official": ("{P} <confirmed|announced|made it official> that season {n} premieres on {OFFICIAL}, <ending|closing|putting an end to> <months of speculation|a long guessing game|the rumour cycle>.",
                 "The official date is {OFFICIAL}, {P} <announced|said|confirmed>, <after|following|despite> earlier reports <had pointed|that pointed|pointing> to 2026.",
                 "{EXEC} of {P} <announced|revealed|confirmed> on {WEEKDAY_LC} that {T} season {n} <will premiere|premieres|launches> on {OFFICIAL}."),
}
WINDOW_EXTRA: tuple[str, ...] = (
    "{P} <declined to comment|would not comment|said nothing> <on the timing|on the schedule|about dates> when <asked|approached|contacted> by <reporters|{OUTLET}|us>.",
    "<Post-production|The edit|Finishing work> <is being handled|is being completed|is under way> in {CITY}, where {CREW}, the {JOB}, <oversees|supervises|leads> <a team of {K}0 people|{K}0 staff|a large crew>.",
    "<Principal photography|Filming|The shoot> <lasted|took|ran> {DAYS} days <at|around|near> {VENUE}.",
    "'<We would rather|I would rather|We'd rather> be late <than be wrong|than rush it|than disappoint>,' {SR} <said|told> {OUTLET} <earlier this year|in {MONTH}|last season>.",
    "<Visual effects|The effects-heavy finale|Digital work> <account for|explain|is behind> <much|most|a large part> of <the wait|the delay|the timeline>, {SRC} <said|added>.",
    "<Fans|Viewers|Audiences> <have waited|will have waited> <more than|well over|nearly> {W} hundred days <since|after> season {x}.",
    "{P}'s <own|official> <release calendar|slate|schedule> <for the year|for the season|through {MONTH}> <lists|includes|names> {K} titles, <but|and> {T} is not <among them|on it|there> <yet|so far>.",
    "<A casting call|A job posting|A crew listing> <in|from> {CITY2} <mentioned|referenced|named> <additional photography|reshoots|pickups> <in|during> {MONTH}, <fuelling|feeding|adding to> the <talk|speculation|rumours>.",
    "{CRITIC} of {OUTLET} <noted|pointed out|argued> that <streamers|platforms> <rarely|seldom> <date|announce> <shows|seasons> <this far out|so early|this early>.",
)
PAST_RUMOURS: tuple[str, ...] = (
    "<Earlier this year|Back in spring|At the start of the year>, <most reports|many outlets|the consensus> pointed to a 2026 release.",
    "<At one point|For a while|Over the summer> a late 2026 launch <looked certain|seemed locked|was the assumption>.",
    "<Talk of|Chatter about|Rumours of> an early August 2026 premiere never <came from|originated with|was backed by> {P} <itself|directly|officially>.",
    "<Back in|As recently as|During> the spring, a 2026 <release|premiere|debut> <was treated as|looked like|seemed> a given.",
    "The early August 2026 <date|window|slot> <floated|reported|mentioned> by some outlets <turned out to be|proved|was> <wishful thinking|premature|wrong>.",
)

ROUNDUP_TITLES: tuple[str, ...] = (
    "{K} shows to watch this {MONTH}: {T1}, {T2} and more",
    "What to stream this weekend: {T1}, {T2} and {T3}",
    "The week in TV: {T1} and {T2} lead the conversation",
    "Fall TV preview: {T1}, {T2} and {T3} headline a packed season",
    "Streaming power rankings: {T1} climbs, {T2} holds steady",
    "Our {MONTH} watchlist: {T1}, {T2} and {T3}",
    "Binge guide: from {T1} to {T2}, the shows <worth your time|to queue up> now",
)
ROUNDUP_INTROS: tuple[str, ...] = (
    "<There is a lot|So much is|Plenty is> on the schedule <this month|right now|this {MONTH}>, so <here is|this is> <where to start|a starting point|our shortlist>.",
    "<Our critics|Our writers|The team> <picked|chose|selected> the series <worth your time|worth watching|to prioritise> <right now|this week|in {MONTH}>.",
    "<Between|Among> <big returns|major comebacks|splashy premieres> and <quiet gems|hidden treasures|slow burners>, <the list below|this list|our picks> <covers|has|collects> <the week's essentials|what matters|the must-sees>.",
    "<Too many shows, too little time|So many shows, so few evenings>: {CRITIC} <sorted|narrowed> {MONTH} down to <a shortlist|a handful>.",
    "<We polled|We asked> {K} <editors|staff writers> for their <picks|favourites>, and these <came out on top|won>.",
    "<Whether you have|If you have> a free evening or a <whole|long> weekend, <start|begin> with these.",
)
ROUNDUP_LINES: tuple[str, ...] = (
    "{T} <remains|is still|stays> a <safe bet|sure thing|solid choice>: <the {G} follows|it is about|it centers on> {PR}.",
    "<On|Over on> {P}, {T} <keeps building|is gathering|keeps gaining> <momentum|steam|fans> as season {n} <takes shape|comes together|nears>.",
    "{T} is <the pick|the choice|our recommendation> for <anyone who likes|fans of|people who want> <a {G}|this kind of {G}|{G}> with <real stakes|sharp writing|bite|heart>.",
    "{T} <earns its spot|makes the list|is here> <thanks to|because of|for> {C1}, <still|easily|arguably> one of <the best characters|the sharpest creations> on {P}.",
    "<Start|Begin> {T} with episode {E}, '{ET}', <if you want|for> a <taste|sample> of <what the fuss is about|the show at its best|why people love it>.",
    "{T} <shot|filmed> its <best|most talked-about> episodes at {VENUE} near {CITY}, and <it shows|you can tell|the scenery does half the work>.",
    "<Our colleague|Staff writer> {CRITIC} <calls|describes> {T} '<the most rewatchable|the most underrated> {G} <around|on {P}>'.",
    "With {N} episodes of <about|roughly> {MIN} minutes each, {T} <is|makes for> <an easy|a manageable> weekend <binge|watch>.",
    "{C2} <alone|by itself|on their own> <is reason enough for|justifies> <a rewatch of|another look at|a return to> {T}.",
    "{T} <ranks|sits> <number {K}|at number {K}> on {P} this week, <up|climbing> from <last week|number {W}0>.",
    "<Fans|Viewers> <still|continue to> <argue|debate|fight> about <the season {x} finale|the last finale> of {T}, <which|and it> <holds up|rewards a second look>.",
    "<Pair|Combine|Follow> {T} with <a pot of tea|takeaway|a blanket> <and|plus> {K} <free evenings|spare hours>, and <you are set|the weekend is sorted>.",
    "<The cast of|Everyone in> {T}, <led by|starting with> {A}, <is|seems> <on top form|clearly having fun|fully committed>.",
    "<If|When> you <finish|get through> {T}, <the|its> <behind-the-scenes|making-of> <special|featurette> <runs|lasts> {MIN} minutes and <is worth it|rewards fans>.",
    "{FAN}, {FAN_DESC}, <told us|wrote in> that {T} <got|helped> <them|her|him> through <a rough|a long> {MONTH}.",
    "<Newcomers|First-timers> <should|might> <know|note> that {T} <takes|needs> <a couple of|{E}> episodes to <find its feet|settle|click>.",
    "<Composer|Music by> {CREW2} <gives|lends> {T} <its|a> <haunting|driving|unforgettable> <sound|score>, <reason enough|a good excuse> to <watch|listen> with headphones.",
    "{T} <is|has become> <the|a> <comfort watch|group-chat favourite|water-cooler show> for <our|the> {CITY2} <desk|office>, <apparently|it turns out>.",
)
ROUNDUP_OUTROS: tuple[str, ...] = (
    "<Tell us|Let us know> what you are <watching|streaming|bingeing>, and <check back|return|come back> <next week|in seven days|soon> for <more picks|new picks|another list>.",
    "<Got a recommendation?|Think we missed something?> <Send it our way|Let us know>; the list <is updated|changes> every week.",
    "<That is it for this week|That is all for now|That wraps up this edition>: happy <watching|streaming|bingeing>.",
)

TRAPS: dict[str, tuple[str, tuple[str, ...], str]] = {
    # key -> (title, paragraphs, section)
    "moving": ("Moving day: how a family-run prop house relocated 40 years of film history", (
        "Moving a prop warehouse is nothing like moving house. For the owners of a family-run rental firm outside Atlanta, it meant packing 40 years of film history into 60 trucks.",
        "The move took eleven weeks. Crews wrapped chandeliers, vintage telephones and a life-size fibreglass horse, then labelled every crate by decade.",
        "'It was a moving experience, honestly,' said the founder's granddaughter, who now runs the business. 'Every box had a story.'",
        "The new building has room for a small museum, and the firm plans to open it to school groups next spring.",
        "Local productions are already booking pieces from the new space, which is closer to the studio district.",
    ), "film"),
    "the-bear": ("Film crew halts shoot after a black bear wanders onto set", (
        "Production on an independent thriller paused for most of a day after a black bear wandered onto the set in the mountains of British Columbia.",
        "The bear was first spotted near the catering tent, crew members said. Wildlife officers arrived within the hour and guided the animal back into the forest.",
        "'The bear was more interested in the sandwiches than in us,' one of the grips joked.",
        "Nobody was hurt, and the production resumed the following morning with extra safety staff on site.",
        "Encounters like this are rare but not unheard of for crews shooting in remote locations.",
    ), "film"),
    "wednesday": ("Box office: Wednesday previews lift a crowded holiday weekend", (
        "Wednesday previews gave the holiday frame an early boost, with three new releases opening a day ahead of the long weekend.",
        "The family adventure led the pack with strong Wednesday numbers, while a horror sequel held up better than expected.",
        "Exhibitors say opening on a Wednesday lets films collect five days of grosses before the first weekend report.",
        "By Sunday, the top ten had earned more than the same frame last year.",
        "Next Wednesday brings another wave of releases, including a long-delayed musical.",
    ), "film"),
    "squid-game": ("Indie studio's 'Squid Game' fishing sim is a surprise hit with anglers", (
        "A tiny studio in Maine has an unexpected success on its hands: Squid Game, a relaxing fishing simulator about night-time squid jigging, sold out its first run of physical copies.",
        "The video game has nothing to do with television. Players pilot a small boat, hang lamps over the water and try to fill their cooler before dawn.",
        "'We named it after what the local fishermen call the autumn season,' the lead designer said. 'We didn't think anyone outside the harbour would play it.'",
        "The studio is now working on a winter update with new boats and weather.",
        "Reviewers have praised its soundtrack, recorded on a real fishing trawler.",
    ), "games"),
    "severance": ("Studio layoffs: hundreds offered severance as streaming unit restructures", (
        "A major studio is cutting hundreds of jobs in its streaming division, with affected staff offered severance packages and extended health cover.",
        "The restructuring merges two marketing teams and closes a regional office, according to an internal memo.",
        "Severance terms vary by seniority, the memo said, with a minimum of twelve weeks' pay.",
        "Unions have asked for talks, arguing that the cuts fall hardest on junior staff.",
        "The company says it will keep investing in original programming despite the reductions.",
    ), "business"),
    "the-boys": ("The boys are back: '90s boy band announces reunion tour", (
        "The boys are back in town. A chart-topping '90s boy band has announced a 30-date reunion tour, its first in almost two decades.",
        "The group will play arenas across North America and Europe, with a new single arriving the week tickets go on sale.",
        "'We were boys when we started,' the band's lead singer said. 'Now we have kids who think our old videos are hilarious.'",
        "Pre-sale codes went to fan-club members first, and several dates sold out within minutes.",
        "A documentary crew will follow the band on the road.",
    ), "music"),
}

INDUSTRY_EXTRA: tuple[str, ...] = (
    "<Studios|Distributors> <have spent|spent> <the year|{MONTH}|recent months> <testing|trying> <new release windows|shorter windows>, and <the results have been|the outcome was|the results were> <mixed|uneven>.",
    "<Audience surveys|Polls|Exit surveys> <suggest|indicate|show> that <viewers|people> under {AGE} are <returning to|rediscovering|flocking to> <cinemas|theaters|live events> for <event releases|big nights out>.",
    "<Several|A handful of> industry <newsletters|sites> <picked up|ran> the story within <hours|the day>, <led by|including> {OUTLET}.",
    "<Trade groups|Industry bodies> <expect|predict> the trend to <continue|hold> <into next year|through {MONTH}>, <pointing to|citing> {K} major releases <already dated|on the calendar>.",
    "<Local officials|The film office> in {CITY} <welcomed|praised> the attention, <saying|noting> <productions|shoots> <bring|create> <hundreds of|{K}00> jobs <to the region|locally>.",
    "<Representatives|Spokespeople> for <the companies involved|both companies|the firms> <declined to comment|would not comment> on <the figures|the numbers>.",
    "<The numbers|These figures|The estimates> will be <revised|updated> <once|when> <final data|actual numbers> <comes|come> in on <Monday|{WEEKDAY_LC}>.",
    "<Social media reaction|Reaction online> was <swift|instant>, with clips shared <more than {K}0 thousand times|widely> <by the evening|within a day>.",
    "{CRITIC}, <who covers the business for|a columnist at> {OUTLET}, <called it|described it as> '<a sign of the times|the story of the year so far>'.",
    "<Ticket|Presale> <sites|platforms> <reported|saw> traffic <up|rising> {PCT} percent <that weekend|over the same days>.",
    "<A spokesperson|A representative> for <a cinema chain|an exhibitor group> in {CITY2} <said|noted> <attendance|footfall> was <up|higher> {PCT} percent on <last year|the same weekend in {Y}>.",
)

FILM_WORDS = (("Harbor", "Lantern", "Engine", "Orchard", "Cartographer", "Tide", "Comet", "Ledger",
               "Lighthouse", "Meridian", "Ferryman", "Glasshouse"),
              ("Glass", "Ninth", "Quiet", "Northbound", "Saltwater", "Paper", "Midnight", "Copper",
               "Hollow", "Amber", "Winter", "Crimson"))
ARTIST_WORDS = (("Velvet", "Neon", "Amber", "Kestrel", "Juno", "Stellar", "Cobalt", "Paper", "Silver"),
                ("Tides", "Atlas", "Years", "Lane", "Marlowe", "Nine", "Choir", "Moons", "Arcade"))

FILM_CORE: tuple[str, ...] = (
    "'{FILM}' <arrived in|opened in|hit> <theaters|cinemas> <this weekend|on Friday> and <collected|took in|earned> an estimated ${GROSS} million <domestically|in North America|at home>.",
    "That was <enough|sufficient> to <edge out|beat|top> '{RIVAL}', which <slipped|fell|dropped> after {W} weeks <on top|at number one|in first place>.",
    "<The film|The picture|The movie>, <shot|filmed> <largely|mostly> <in|around> {CITY}, <drew|attracted|pulled in> a <younger|broader|more female> audience than <its studio|the distributor> <expected|predicted>.",
    "<Strong|Positive|Warm> word of mouth <could help|should help|may help> it <hold well|hold steady|stay strong> <next weekend|in week two>, <analysts said|according to {OUTLET}|{CRITIC} predicted>.",
    "<Overseas|Internationally|Abroad>, the <release|film|picture> <added|earned|brought in> <another|a further> ${GROSS2} million from {MARKETS} markets.",
    "<Premium large-format|Giant-format|Premium> screens <accounted for|made up|delivered> <roughly|about|around> {PCT} percent of <the total|the gross|ticket sales>.",
    "<Critics|Reviewers> <have been|were> <kinder|warmer|more generous> to '{FILM}' <than to|compared with> director {CREW}'s <previous outing|last film|{Y} feature>.",
    "'{RIVAL}' <has now passed|has crossed|now stands above> ${WORLD} million <worldwide|globally|around the world>.",
    "<Exit polls|Audience surveys|Opening-night polls> <gave|awarded> the <film|movie> <an A-minus|a B-plus|an A>, a grade that <usually|often|typically> <signals|means|points to> a <long|healthy|leggy> run.",
    "<The production|The shoot|The film> <reportedly|apparently|is said to have> cost about ${BUDGET}0 million, <before|not counting|excluding> marketing.",
    "{A} <leads|heads|fronts> the cast as {R}, <a part|a role> {CREW} <reportedly|apparently|supposedly> wrote <for them|with them in mind>.",
    "<Saturday|Friday> was the <biggest|strongest|busiest> day, <helped by|thanks to|boosted by> {K} sold-out <late shows|fan screenings|midnight shows> in {CITY2}.",
    "{EXEC}, <head of distribution|distribution chief|the studio's sales boss>, <called the result|described the opening as|called the weekend> '<a relief|better than we hoped|a great start>'.",
    "<Runtime|Length> <was|seemed> <no obstacle|not a problem> <for|to> <audiences|moviegoers>: <the film|it> <runs|lasts> {HOURS} minutes <plus|and> <a post-credits scene|an intermission>.",
    "<Rival studios|Competitors> <moved|shifted> {K} <releases|titles> <out of|away from> the <weekend|date> <to avoid|rather than face|fearing> '{FILM}'.",
    "<Family audiences|Teenagers|Older viewers> <made up|were> <about|roughly> {PCT} percent of <the crowd|opening-weekend ticket buyers>, <according to|per> {OUTLET}.",
    "<Its|The film's> <soundtrack|score>, <by|from> {CREW2}, <entered|climbed|reached> <the streaming charts|the top {K} on music charts> <the same|that> <week|weekend>.",
    "<Theater owners in|Cinemas across|Exhibitors in> {CITY} <added|scheduled> <extra|{K} more> <screenings|showtimes> <on|by> <Saturday|Sunday> <afternoon|morning>.",
)
MUSIC_CORE: tuple[str, ...] = (
    "{ARTIST} <has new music on the way|is releasing new music|has a record coming>, the <act|band|group> <announced|said|revealed> <on social media|in a livestream|in a video>.",
    "<The record|The album|The LP>, <due in|out in|arriving in> {MONTH}, was <written|composed> over <two|three|{K}> years and <recorded|tracked|made> in {CITY}.",
    "<A lead single|The first single|A new song> <arrives|drops|is out> <this week|on {WEEKDAY_LC}>, and a <short run|brief string|handful> of <club shows|small gigs|intimate shows> will <follow|come next>, {SRC} said.",
    "<Tickets|Passes> <go on sale|are available> to <fan-club members|mailing-list subscribers> <first|early>, <followed by|then|before> a general <sale|release> <on {WEEKDAY_LC}|a week later>.",
    "<The announcement|The news|This> <ends|closes|breaks> a <long|{K}-year> <break|hiatus|silence> <after|since> the <act's|band's> <last world tour|previous tour> in {Y}.",
    "<The festival|Organisers> <expect|expects|anticipate> about {K}0 thousand <visitors|fans|people> <across|over> three days <at|on> {VENUE}.",
    "<A string section|An orchestra|Strings> and <a gospel choir|a children's choir|a brass band> <feature|appear> on {K} of the <new songs|tracks>.",
    "<The first show|The opening night|The tour opener> <takes place|is set|happens> in {CITY2}, with <a livestream|a broadcast|a stream> <planned|promised> for <fans abroad|overseas fans>.",
    "<Early reviews|First reviews> of the single <praise|applaud> its <stripped-back|sparse|warm> production by {CREW}.",
    "{CRITIC} of {OUTLET} <called the single|described the song as> '<a late-night classic|their best in years|a grower>'.",
    "<The album|The record> <runs|clocks in at|lasts> {MIN} minutes <across|over> {N} <tracks|songs>.",
    "<Merchandise|Vinyl pre-orders|Limited editions> <sold out|were gone> <within|in> {HOURS} minutes, {SRC} said.",
    "<Rehearsals|Tour rehearsals|Production rehearsals> <begin|start> in {MONTH} <inside|at> {VENUE}, <according to|per> {OUTLET}.",
    "<The video|A music video> for the <single|lead track>, <directed by|shot by> {CREW2}, <passed|topped|reached> {K} million views <overnight|in a day>.",
    "<Guest spots|Features|Collaborations> <include|feature> <a rapper|a folk singer|a cellist> <from|based in> {CITY}, the <band|act> <confirmed|said>.",
    "<Ticket prices|Prices> <start|begin> at <about|around> {K}0 dollars, <a deliberate|an intentional> <choice|move> <according to|per> <the manager|management>, {EXEC}.",
)
