"""The project's one karaoke vocabulary: words and brands that mark a karaoke recording.

The title parser reads it to tell noise from artist and song, the MusicBrainz matcher
(``KARAOKE_CREDITS``) and the Discogs matcher (``KARAOKE_LABELS``) to recognise karaoke
releases. Plain data, lowercase; add a word here and all three see it.
"""

from __future__ import annotations

# Karaoke producers and brands, as folded phrases (matched as substrings of folded credits
# and labels by the matchers, as phrases by the parser).
KARAOKE_BRANDS: tuple[str, ...] = (
    "sing king", "party tyme", "sunfly", "zoom karaoke", "zoom entertainments", "stingray",
    "karafun", "ameritz", "the karaoke channel", "karaoke hits", "pocket songs",
    "sound choice", "mr entertainer", "chartbuster", "priddis", "tj media", "tj karaoke",
    "ky karaoke", "joysound", "magicsing", "singsation", "cc karaoke", "karaoke version",
)
# Credits that name a karaoke or tribute recording rather than the artist.
KARAOKE_CREDITS: tuple[str, ...] = KARAOKE_BRANDS + (
    "backing tracks", "originally performed by", "in the style of", "made famous by",
    "tribute",
)
# Labels that publish karaoke releases.
KARAOKE_LABELS: tuple[str, ...] = KARAOKE_BRANDS + ("karaoke",)

# Single brand tokens (only where the word is nothing else: "Fun", "Zoom", "Party" are
# song words, so those brands are phrases only).
BRAND_TOKENS = frozenset(
    """
    stingray singking sunfly karafun partytyme ameritz chartbuster priddis joysound
    mrentertainer kbox karaokebox smule ultrastar singstar lugn magicsing singsation
    kpop karaoketv sapktv
    """.split()
)

# "karaoke" in the languages karaoke channels use: each alone marks a karaoke title.
KARAOKE_WORDS = frozenset(
    """
    karaoke karaokes karafun karaoké kara0ke караоке kara 카라오케 노래방 伴奏 伴唱 卡拉ok
    カラオケ オフボーカル минус минусовка كاريوكي کارائوکه קריוקי คาราโอเกะ καραόκε
    videoke videokes karaokê 반주 ktv playback
    """.split()
)
# Words that describe the recording or the video, never the song (English and others).
PRODUCTION_WORDS = frozenset(
    """
    instrumental instrumentals inst lyrics lyric letra letras paroles testo songtext
    video videos version versions ver vocal vocals lead backing no with without w wo sing
    singalong along minus one hd hq piano acoustic live 4k 1080p 720p official audio track
    tracks by in the and of a de con sin guide melody on screen subtitled subtitles sub
    subs songbook remastered clean duet sing-along explicit backing-track lower higher key
    keys tone tono semitone semitones male female vocalist vocalists lead-vocal bgv bv mp3
    mp4 cdg hd- uhd 60fps new channel presented pro quality best original background
    full mr mv mmo accompaniment cover vod ktv songs removed m/v music oficial versión
    versão completo completa pista choreography nueva nuevo lirik vokal tanpa coros coro
    voz bajo baja alto alta más mas tonalidad unplugged visualizer visualiser teaser
    performance session sessions slowed reverb sped nightcore acústica acustica
    acústico acustico tradução traducao traducción legendado legenda subtitulado vietsub
    engsub thaisub eng rom han 가사 dvd vcd opm tagalog youtube melhor mejor
    歌詞 字幕 消音 純音樂
    """.split()
)
# Vietnamese karaoke vocabulary: "beat chuẩn" (standard backing), "beat gốc" (original),
# "tone nam/nữ" (male/female key), "có bè" (with backing vocals), "song ca" (duet),
# "hạ/tăng tone" (lower/raise the key), "dễ hát" (easy to sing), "bản quyền" (licensed).
VIETNAMESE_WORDS = frozenset(
    """
    beat chuẩn chuan gốc goc nam nữ nu có co bè be ca phối phoi hạ ha tăng tang giọng
    giong tách tach bản ban quyền quyen dễ de hát hat rap nhạc nhac sống lời loi hay nhất
    nhat mới moi song
    """.split()
)
# Words that prove a run of noise words is karaoke noise and not part of the song.
MARKER_WORDS = KARAOKE_WORDS | frozenset(
    """
    instrumental instrumentals inst lyrics lyric vocal vocals hd hq 4k uhd 1080p 720p key
    singalong cdg mp3 mp4 * ** *** letra letras paroles songtext backing-track m/v pista mv
    choreography lirik ktv 반주 visualizer visualiser karaokê playback tradução traducao
    traducción legendado subtitulado vietsub engsub thaisub 가사 dvd vcd
    """.split()
)
# Words that mark karaoke noise only next to another noise word ("Beat Chuẩn", "Tone
# Nam", "Full HD"): alone they are song words ("Beat It", "Full Moon").
WEAK_MARKER_WORDS = frozenset(
    """
    beat tone tono full mr mmo original guide melody best version ver chuẩn chuan gốc
    goc bè be accompaniment minus lower higher live video ca completo completa
    official oficial nueva nuevo unplugged teaser performance coros versión versão
    opm cover tagalog acoustic youtube
    """.split()
)
# Words that make a bracket group a version qualifier even without a karaoke marker:
# "(Live)", "(Acoustic)", "(Piano Version)", "(7 Inch Version)", "(Beat)" are not song text.
QUALIFIER_WORDS = frozenset(
    """
    live acoustic piano version versions ver remix remixed edit mix radio instrumental inst
    remastered remaster explicit clean demo mono stereo extended original single inch
    unplugged orchestral cover beat duet hd hq 4k lyrics lyric audio official mv full
    teaser visualizer visualiser session sessions slowed reverb nightcore acústica acustica
    acústico acustico
    """.split()
)
# Words a leading noise cut may run on over after its last marker ("Karaoke Version Song").
LEADING_NOISE_WORDS = (PRODUCTION_WORDS | WEAK_MARKER_WORDS) - frozenset(
    "the a of and in by with on de con sin no w wo one new along best".split()) - frozenset(
    # Words that describe a track only after it ("tono más alto", "Eng/Rom/Han", "Live
    # Session"); before a song they are its words ("Karaoke Más Que Nada", "Alta Mar").
    """bajo baja alto alta más mas eng rom han voz coro coros tonalidad session sessions
    performance teaser slowed reverb sped nightcore legenda""".split())
NOISE_WORDS = (KARAOKE_WORDS | PRODUCTION_WORDS | VIETNAMESE_WORDS | MARKER_WORDS | BRAND_TOKENS
               | QUALIFIER_WORDS)
# Phrases that mean a karaoke track in the languages channels use ("Minus One" in the
# Philippines, "off vocal" in Japan, "tanpa vokal" in Indonesia, "sin voz" in Spanish):
# the parser reads each as the word "karaoke".
KARAOKE_PHRASES: tuple[str, ...] = (
    "minus one", "minusone", "off vocal", "off-vocal", "tanpa vokal", "sin voz", "sem voz",
    "karaoke con coros", "con coros",
)
# Phrases that describe the video, never the song ("Official Music Video", "Dance
# Practice", "(Color Coded Lyrics)"): the parser drops them wherever they stand.
VIDEO_PHRASES: tuple[str, ...] = (
    "official music video", "official lyric video", "official lyrics video",
    "official video", "official audio", "official visualizer", "official visualiser",
    "official mv", "official m/v", "official teaser", "mv teaser", "m/v teaser",
    "music video", "lyric video", "lyrics video", "dance practice video", "dance practice",
    "dance video",
    "dance performance video", "dance performance", "performance video",
    "choreography video", "color coded lyrics", "colour coded lyrics", "video oficial",
    "vídeo oficial", "audio oficial", "videoclip oficial", "video con letra", "com letra",
)
# Television shows, contests and live events that a title names after a comma at its end
# ("Song - Artist, SING MY SONG", "Song - Artist, The Voice 2020") or after a dash inside
# a pipe title's side ("Song | Artist - Day 1 Fanmeeting"): the show, not a name.
SHOW_WORDS = frozenset(
    """
    show shows liveshow concert tour festival gala contest competition awards idol idols
    season episode tập mùa chung kết fanmeeting fanmeet showcase
    """.split()
)
SHOW_PHRASES: tuple[str, ...] = (
    "sing my song", "the voice", "got talent", "x factor", "rap việt", "masked singer",
    "king of rap", "sao nhập ngũ", "gương mặt thân quen",
)

# Films and stage musicals that karaoke titles name instead of the performer ("Aladdin -
# A Whole New World", "Frozen - Let It Go"): the named side is the credit, the other the
# song. Only works whose songs are sung from their cast recordings; names that are also common song
# titles or band names ("Cats", "Chicago", "Footloose", "Mamma Mia") are left out.
STAGE_AND_SCREEN_WORKS = tuple(
    w.strip() for w in """
    Aladdin|Frozen|Frozen 2|Frozen II|Moana|The Lion King|Lion King|The Little Mermaid
    Little Mermaid|Beauty and the Beast|Tangled|Encanto|Mulan|Pocahontas|Hercules
    The Greatest Showman|Greatest Showman|La La Land|Les Miserables|Les Misérables
    The Phantom of the Opera|Phantom of the Opera|Wicked|Hamilton
    West Side Story|The Sound of Music|Sound of Music|Mary Poppins|Evita
    Dear Evan Hansen|The Wizard of Oz|Wizard of Oz|Matilda
    High School Musical|Camp Rock|Hannah Montana|Dreamgirls|Moulin Rouge
    Moulin Rouge!|Toy Story|Shrek|Cinderella|Snow White|The Jungle Book|Jungle Book
    Pinocchio|Peter Pan|Zootopia|Descendants|Jesus Christ Superstar
    Joseph and the Amazing Technicolor Dreamcoat|Fiddler on the Roof|My Fair Lady
    The King and I|South Pacific|Oklahoma|Into the Woods
    Mean Girls|Little Shop of Horrors|The Rocky Horror Picture Show|Dirty Dancing
    Frozen Fever|Raya and the Last Dragon|Princess and the Frog|The Princess and the Frog
    """.replace("\n", "|").split("|") if w.strip()
)
