import { describe, expect, it } from 'vitest'
import { ALLOWED_TAGS, LINK_REL, isSafeHref, sanitizeHtml, sanitizeText } from '../src/sanitize'
import { XSS_PAYLOADS } from './xss-corpus'

const allowedTags = new Set<string>(ALLOWED_TAGS)
const allowedAttrs = new Set(['href', 'rel', 'class', 'target'])

function parse(html: string): HTMLElement {
  const box = document.createElement('div')
  box.innerHTML = html
  return box
}

/** Asserts that sanitized output contains only allowed tags, attributes and URLs. */
function assertClean(html: string) {
  const box = parse(html)
  for (const el of Array.from(box.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase()
    expect(allowedTags.has(tag), `tag <${tag}> survived in ${html}`).toBe(true)
    for (const attr of Array.from(el.attributes)) {
      expect(allowedAttrs.has(attr.name), `attribute ${attr.name} survived in ${html}`).toBe(true)
      if (attr.name === 'href') {
        expect(attr.value, `href survived: ${attr.value}`).toMatch(/^(https?:|mailto:)/i)
      }
      if (attr.name === 'target') expect(attr.value).toBe('_blank')
    }
    if (tag === 'a') {
      expect(el.getAttribute('rel')).toBe(LINK_REL)
      expect(el.getAttribute('target')).toBe('_blank')
    }
  }
  // Text content is escaped (&lt;), so a raw "<tag" can only be real markup.
  const lower = html.toLowerCase()
  for (const bad of ['<script', '<svg', '<math', '<iframe', '<img', '<style', '<form', '<object', '<embed', '<base', '<meta', '<link']) {
    expect(lower.includes(bad), `${bad} in ${html}`).toBe(false)
  }
  for (const el of Array.from(box.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on')).toBe(false)
      expect(attr.value.toLowerCase().replace(/\s/g, '')).not.toContain('javascript:')
    }
  }
}

describe('sanitizeHtml against XSS payloads', () => {
  it('has a corpus of at least 25 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25)
  })

  it.each(XSS_PAYLOADS)('neutralizes %s', (payload) => {
    assertClean(sanitizeHtml(payload))
  })

  it('keeps the safe link but drops the handler', () => {
    const out = parse(sanitizeHtml('<a href="https://ok.example/x" onclick="window.__xss=1">ok</a>'))
    const a = out.querySelector('a')!
    expect(a.getAttribute('href')).toBe('https://ok.example/x')
    expect(a.hasAttribute('onclick')).toBe(false)
    expect(a.textContent).toBe('ok')
  })

  it('drops the href of javascript:, obfuscated javascript:, data:, relative and protocol-relative links', () => {
    for (const p of [
      '<a href="javascript:alert(1)">x</a>',
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
      '<a href="  JAVASCRIPT:alert(1)">x</a>',
      '<a href="data:text/html,hi">x</a>',
      '<a href="/local">x</a>',
      '<a href="//evil.example/">x</a>',
      '<a href="file:///etc/passwd">x</a>',
      '<a href="wails://wails/index.html">x</a>',
    ]) {
      const a = parse(sanitizeHtml(p)).querySelector('a')
      expect(a, p).not.toBeNull()
      expect(a!.hasAttribute('href'), p).toBe(false)
    }
  })

  it('removes script and style contents entirely', () => {
    expect(sanitizeHtml('<p>a</p><script>window.__xss=1</script>')).toBe('<p>a</p>')
    expect(sanitizeHtml('<style>body{}</style><p>b</p>')).toBe('<p>b</p>')
  })

  it('removes style attributes and unknown classes', () => {
    const out = parse(sanitizeHtml('<p style="color:red" class="evil mention">x</p>'))
    const p = out.querySelector('p')!
    expect(p.hasAttribute('style')).toBe(false)
    expect(p.getAttribute('class')).toBe('mention')
    const none = parse(sanitizeHtml('<span class="fixed-overlay">x</span>')).querySelector('span')!
    expect(none.hasAttribute('class')).toBe(false)
  })

  it('returns an empty string for non-strings', () => {
    expect(sanitizeHtml(undefined)).toBe('')
    expect(sanitizeHtml(null)).toBe('')
    expect(sanitizeHtml(42)).toBe('')
    expect(sanitizeHtml({ toString: () => '<img src=x onerror=alert(1)>' })).toBe('')
  })
})

describe('sanitizeHtml keeps normal Mastodon post HTML', () => {
  const mention =
    '<span class="h-card" translate="no"><a href="https://social.example.org/@alice" class="u-url mention">@<span>alice</span></a></span>'
  const hashtag = '<a href="https://social.example.org/tags/fediverse" class="mention hashtag" rel="tag">#<span>fediverse</span></a>'
  const link =
    '<a href="https://www.example.com/some/long/path" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.com/some/lo</span><span class="invisible">ng/path</span></a>'
  const post = `<p>Hello ${mention}, see ${hashtag}!</p><p>Line one<br />line two ${link}</p>`

  it('keeps paragraphs, line breaks, mentions, hashtags and link spans', () => {
    const out = sanitizeHtml(post)
    const box = parse(out)
    expect(box.querySelectorAll('p')).toHaveLength(2)
    expect(box.querySelectorAll('br')).toHaveLength(1)

    const m = box.querySelector('span.h-card > a.u-url.mention')!
    expect(m).not.toBeNull()
    expect(m.getAttribute('href')).toBe('https://social.example.org/@alice')
    expect(m.textContent).toBe('@alice')

    const tag = box.querySelector('a.mention.hashtag')!
    expect(tag.getAttribute('href')).toBe('https://social.example.org/tags/fediverse')
    expect(tag.textContent).toBe('#fediverse')
    expect(tag.getAttribute('rel')).toBe(LINK_REL)

    const l = box.querySelectorAll('a')[2]
    expect(l.querySelectorAll('span.invisible')).toHaveLength(2)
    expect(l.querySelector('span.ellipsis')!.textContent).toBe('example.com/some/lo')
    expect(l.textContent).toBe('https://www.example.com/some/long/path')
    expect(box.textContent).toContain('Line one')
    expect(box.textContent).toContain('line two')
  })

  it('forces rel and target on every link', () => {
    const box = parse(sanitizeHtml(post))
    for (const a of Array.from(box.querySelectorAll('a'))) {
      expect(a.getAttribute('rel')).toBe('nofollow noopener noreferrer')
      expect(a.getAttribute('target')).toBe('_blank')
    }
  })

  it('keeps formatting tags and mailto links', () => {
    const html =
      '<p><strong>b</strong> <em>i</em> <b>b</b> <i>i</i> <u>u</u> <del>d</del> <s>s</s> <code>c</code></p><pre>pre</pre><blockquote><p>q</p></blockquote><ul><li>1</li></ul><ol><li>2</li></ol><p><a href="mailto:abuse@example.org">mail</a></p>'
    const box = parse(sanitizeHtml(html))
    for (const tag of ['strong', 'em', 'b', 'i', 'u', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li']) {
      expect(box.querySelector(tag), tag).not.toBeNull()
    }
    expect(box.querySelector('a')!.getAttribute('href')).toBe('mailto:abuse@example.org')
  })

  it('keeps text of removed tags but as text', () => {
    const box = parse(sanitizeHtml('<h1>Title</h1><div>body</div>'))
    expect(box.querySelector('h1')).toBeNull()
    expect(box.textContent).toBe('Titlebody')
  })
})

describe('isSafeHref', () => {
  it.each([
    ['https://a.example/x', true],
    ['http://a.example', true],
    ['mailto:x@example.org', true],
    ['javascript:alert(1)', false],
    ['jav\tascript:alert(1)', false],
    [' https://a.example', false],
    ['data:text/html,x', false],
    ['/relative', false],
    ['', false],
    [null, false],
  ] as const)('%s → %s', (href, ok) => {
    expect(isSafeHref(href)).toBe(ok)
  })
})

describe('sanitizeText', () => {
  it('returns plain text untouched apart from whitespace', () => {
    expect(sanitizeText('  Alice   <b>Example</b> ')).toBe('Alice <b>Example</b>')
  })

  it('drops control characters and bidi overrides', () => {
    expect(sanitizeText('evil\u202Egnp.exe')).toBe('evilgnp.exe')
    expect(sanitizeText('a\u0000b\u0007c\u2066d\u2069')).toBe('abcd')
    expect(sanitizeText('line\nbreak\ttab')).toBe('line break tab')
  })

  it('keeps emoji and accents', () => {
    expect(sanitizeText('Zoë 👩‍💻 :blobcat:')).toBe('Zoë 👩‍💻 :blobcat:')
  })

  it('caps the length and handles non-strings', () => {
    expect(sanitizeText('x'.repeat(1000))).toHaveLength(500)
    expect(sanitizeText('abcdef', 3)).toBe('abc')
    expect(sanitizeText(undefined)).toBe('')
    expect(sanitizeText(7)).toBe('')
  })
})
