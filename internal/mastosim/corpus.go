package mastosim

import (
	"math/rand/v2"
	"strings"
)

var hostilePayloads = []string{
	`<img src=x onerror="window.__xss=1">`,
	`<script>window.__xss=1</script>`,
	`<a href="javascript:window.__xss=1">x</a>`,
	`<svg onload="window.__xss=1"></svg>`,
	`<svg><script>window.__xss=1</script></svg>`,
	`<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
	`<iframe src="javascript:parent.__xss=1"></iframe>`,
	`<style>@import url("javascript:window.__xss=1");body{background:url(javascript:window.__xss=1)}</style>`,
	`<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1"></style></mglyph></table></mtext></math>`,
	`<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">`,
	`"><script>window.__xss=1</script>`,
	`'><img src=x onerror=window.__xss=1>`,
	`<div style="width:expression(window.__xss=1)">css expression</div>`,
	`<form action="javascript:window.__xss=1"><button>Click to claim your prize</button></form>`,
	`<img src=x onerror="window.go.app.Servers.List().then(s=>window.__xss=s)">`,
	`<img src=x onerror="window.runtime.Quit()">`,
	`<script>window.go.app.Servers.List().then(function(s){window.__xss=JSON.stringify(s)})</script>`,
	`<body onload="window.__xss=1">`,
	`<details open ontoggle="window.__xss=1"><summary>spoiler</summary></details>`,
	`<input autofocus onfocus="window.__xss=1">`,
	`<video><source onerror="window.__xss=1"></video>`,
	`<object data="javascript:window.__xss=1"></object>`,
	`<embed src="javascript:window.__xss=1">`,
	`<a href="jav&#x09;ascript:window.__xss=1">tab-obfuscated link</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">data link</a>`,
	`<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">`,
	`<base href="javascript:window.__xss=1//">`,
	`<img src="x` + "`" + `" onerror="window.__xss=1">`,
	`<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s">`,
	`<marquee onstart="window.__xss=1">hello</marquee>`,
	`<p>{{constructor.constructor('window.__xss=1')()}}</p>`,
	`<template><img src=x onerror="window.__xss=1"></template>`,
	`<select><noembed></select><script>window.__xss=1</script>`,
	`<isindex type=image src=1 onerror="window.__xss=1">`,
	`<link rel="import" href="data:text/html,<script>window.__xss=1</script>">`,
}

// HostilePayloads returns the XSS payload corpus used for hostile seeded
// content (post content, spoiler text, display names, bios, report comments
// and media descriptions). Each payload sets window.__xss when it executes,
// and some try to call the desktop app's bindings.
func HostilePayloads() []string { return append([]string(nil), hostilePayloads...) }

var firstNames = []string{"Ada", "Alex", "Amara", "Ana", "Ben", "Bo", "Carla", "Chen", "Dana", "Deniz",
	"Elif", "Emil", "Fatou", "Femke", "Gabe", "Greta", "Hana", "Hugo", "Ines", "Ivo", "Jana", "Jonas",
	"Kai", "Kemal", "Lea", "Luis", "Mara", "Mika", "Nia", "Noah", "Olga", "Omar", "Paula", "Pim",
	"Quinn", "Rosa", "Ravi", "Sara", "Sven", "Tara", "Timo", "Uma", "Vera", "Wen", "Xavi", "Yara", "Zoe"}

var lastNames = []string{"Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
	"Ito", "Jansen", "Kowalski", "Larsen", "Meyer", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi",
	"Schmidt", "Tanaka", "Usman", "Vogel", "Weber", "Yilmaz", "Zhang"}

var adjectives = []string{"quiet", "brave", "rusty", "sunny", "lazy", "wild", "tiny", "cosmic", "salty",
	"fuzzy", "clever", "mellow", "noisy", "lucky", "gentle", "stormy", "velvet", "amber", "misty", "bold"}

var nouns = []string{"otter", "falcon", "teapot", "badger", "comet", "walrus", "maple", "pixel", "fern",
	"harbor", "lynx", "panda", "robin", "cactus", "tundra", "beacon", "kettle", "meadow", "orca", "quill"}

var words = []string{"the", "a", "community", "today", "council", "meeting", "library", "open", "data",
	"train", "delayed", "again", "coffee", "garden", "weekend", "photo", "sunset", "river", "bike",
	"lane", "new", "release", "update", "please", "share", "thanks", "everyone", "event", "free",
	"tickets", "museum", "night", "report", "budget", "school", "park", "market", "festival", "music",
	"volunteers", "needed", "join", "us", "at", "the", "town", "hall", "question", "answer", "news"}

var hashtags = []string{"CityNews", "OpenData", "Fediverse", "Photography", "Cycling", "Climate",
	"Caturday", "Accessibility", "PublicTransport", "LocalHistory", "Music", "Events"}

var spamLines = []string{"Earn $5000 a week from home!!! Click here", "Crypto giveaway — send 1 BTC get 2 back",
	"Cheap followers, best prices, DM now", "Limited offer: miracle diet pills", "Your account will be suspended, verify at"}

var contentWarnings = []string{"politics", "food", "eye contact", "mental health", "spoilers for the finale",
	"lewd", "violence (news)", "long post"}

var reportComments = []string{"", "", "", "Spam", "This account is posting the same link over and over.",
	"Harassment of a member of our community.", "Impersonating the mayor's office.",
	"Threatening language in replies.", "Sharing personal information (address) without consent.",
	"Copyright infringement: this is my photo.", "Bot posting every minute, flooding the local timeline.",
	"Forwarded from a remote server.", "Hate speech.", "Misleading health information."}

var languages = []string{"en", "de", "fr", "nl", "es"}

var blurhashes = []string{"LEHV6nWB2yk8pyo0adR*.7kCMdnj", "LGF5]+Yk^6#M@-5c,1J5@[or[Q6.",
	"L6PZfSi_.AyE_3t7t7R**0o#DgR4", "LKN]Rv%2Tw=w]~RBVZRi};RPxuwH"}

var defaultRules = [][2]string{
	{"No harassment, intimidation or threats.", "Includes dogpiling, doxxing and unwanted contact."},
	{"No spam or unsolicited advertising.", "Automated posting needs the bot flag."},
	{"No hate speech or discrimination.", "Racism, sexism, homophobia, transphobia, ableism, casteism."},
	{"No illegal content.", "Including content that is illegal in the host country."},
	{"Mark sensitive media and use content warnings.", ""},
	{"Do not impersonate people or institutions.", "Parody accounts must say so in their bio."},
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

type renderedContent struct {
	html       string
	spoiler    string
	tags       []string
	mediaDescs []string
}

// statusContent generates a status's HTML deterministically from its seed.
func (s *Sim) statusContent(st *status, a *account) renderedContent {
	r := rand.New(rand.NewPCG(st.seed, uint64(st.id)))
	var b strings.Builder
	var out renderedContent
	paras := 1 + r.IntN(3)
	spammy := strings.Contains(a.domain, "spam")
	for p := 0; p < paras; p++ {
		b.WriteString("<p>")
		if p == 0 && st.mentionID != 0 {
			if m := s.st.accountByID[st.mentionID]; m != nil {
				b.WriteString(`<span class="h-card" translate="no"><a href="https://` + s.acctDomain(m) + `/@` + m.username +
					`" class="u-url mention">@<span>` + m.username + `</span></a></span> `)
			}
		}
		if spammy && p == 0 {
			b.WriteString(pick(r, spamLines))
			b.WriteString(` <a href="https://deals.spam.example.net/r/` + idStr(int64(r.IntN(99999))) +
				`" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">deals.spam.example.net/r/…</span></a>`)
		} else {
			n := 6 + r.IntN(18)
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(pick(r, words))
			}
			b.WriteByte('.')
		}
		if p == paras-1 && r.IntN(2) == 0 {
			t := pick(r, hashtags)
			out.tags = append(out.tags, strings.ToLower(t))
			b.WriteString(` <a href="https://` + s.opts.Domain + `/tags/` + strings.ToLower(t) +
				`" class="mention hashtag" rel="tag">#<span>` + t + `</span></a>`)
		}
		b.WriteString("</p>")
	}
	if st.hostile >= 0 {
		b.WriteString("<p>" + hostilePayloads[int(st.hostile)%len(hostilePayloads)] + "</p>")
	}
	out.html = b.String()
	if st.spoiler >= 0 {
		out.spoiler = contentWarnings[int(st.spoiler)%len(contentWarnings)]
	}
	if st.cwHostile >= 0 {
		out.spoiler = hostilePayloads[int(st.cwHostile)%len(hostilePayloads)]
	}
	out.mediaDescs = make([]string, st.media)
	for i := range out.mediaDescs {
		if r.IntN(3) > 0 {
			out.mediaDescs[i] = "A photo of " + pick(r, adjectives) + " " + pick(r, nouns) + " near the " + pick(r, words)
		}
		if i == 0 && st.mdHostile >= 0 {
			out.mediaDescs[i] = hostilePayloads[int(st.mdHostile)%len(hostilePayloads)]
		}
	}
	return out
}
