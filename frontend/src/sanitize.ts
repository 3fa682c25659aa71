// The one door for server-supplied HTML (post content, bios, report comments).
// Everything that comes from a Mastodon server is attacker-controlled: it goes
// through DOMPurify with a strict allow-list before it reaches the DOM.
import DOMPurify from 'dompurify'

export const ALLOWED_TAGS = [
  'p', 'br', 'a', 'span', 'strong', 'em', 'b', 'i', 'u', 'del', 's',
  'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
] as const

export const ALLOWED_ATTR = ['href', 'rel', 'class'] as const

/** The class names Mastodon (and GoToSocial) put into post HTML. Any other class is dropped. */
export const ALLOWED_CLASSES: ReadonlySet<string> = new Set([
  'mention',
  'hashtag',
  'h-card',
  'u-url',
  'invisible',
  'ellipsis',
  'quote-inline',
])

const SAFE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])
export const LINK_REL = 'nofollow noopener noreferrer'

/** True when href is an absolute http, https or mailto URL. */
export function isSafeHref(href: string | null | undefined): boolean {
  if (typeof href !== 'string') return false
  // No control characters or whitespace tricks ("jav\tascript:"): reject outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(href)) return false
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return false // relative or malformed
  }
  return SAFE_PROTOCOLS.has(url.protocol)
}

// A private instance, so our hooks never leak into other DOMPurify users.
const purify = DOMPurify(window)

purify.addHook('uponSanitizeAttribute', (_node, data) => {
  // Belt and braces: never keep an event handler or a style, whatever the config says.
  const name = data.attrName.toLowerCase()
  if (name.startsWith('on') || name === 'style') data.keepAttr = false
})

purify.addHook('afterSanitizeAttributes', (node) => {
  const el = node as Element
  if (typeof el.getAttribute !== 'function') return

  if (el.hasAttribute('class')) {
    const kept = (el.getAttribute('class') ?? '')
      .split(/\s+/)
      .filter((c) => ALLOWED_CLASSES.has(c))
    if (kept.length > 0) el.setAttribute('class', kept.join(' '))
    else el.removeAttribute('class')
  }

  if (el.tagName === 'A') {
    const href = el.getAttribute('href')
    if (!isSafeHref(href)) el.removeAttribute('href')
    el.setAttribute('rel', LINK_REL)
    el.setAttribute('target', '_blank')
  } else {
    el.removeAttribute('rel')
  }
})

const CONFIG = {
  ALLOWED_TAGS: [...ALLOWED_TAGS],
  ALLOWED_ATTR: [...ALLOWED_ATTR],
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_TEMPLATES: false,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
  FORBID_TAGS: ['style', 'script', 'template', 'svg', 'math', 'iframe', 'form', 'img', 'object', 'embed'],
  FORBID_ATTR: ['style', 'target', 'srcdoc', 'src', 'action', 'formaction', 'xlink:href'],
  KEEP_CONTENT: true,
}

/** Sanitizes untrusted HTML for v-html. Non-strings become ''. */
export function sanitizeHtml(dirty: unknown): string {
  if (typeof dirty !== 'string' || dirty === '') return ''
  if (!purify.isSupported) return escapeHtml(dirty)
  return purify.sanitize(dirty, CONFIG) as string
}

/** Escapes text for an HTML context (fallback only; prefer text interpolation). */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const MAX_TEXT = 500

/**
 * Cleans a plain-text field from a server (display names, usernames, domains)
 * for rendering as TEXT ({{ }} interpolation, never v-html): drops control
 * characters and bidirectional overrides that could spoof what follows,
 * collapses whitespace and caps the length. Non-strings become ''.
 */
export function sanitizeText(s: unknown, max = MAX_TEXT): string {
  if (typeof s !== 'string') return ''
  const cleaned = s
    // C0/C1 controls (tabs and newlines become spaces below), bidi embeddings/overrides/isolates,
    // zero-width joiners used for spoofing are kept out except ZWJ (emoji sequences need it).
    // eslint-disable-next-line no-control-regex
    .replace(/[\t\n\r\f\v]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return Array.from(cleaned).slice(0, max).join('')
}
