// The one place where a rejected binding promise becomes something the UI can
// translate. The Go side rejects with {kind, detail, op}; anything else (a plain
// string, an Error, undefined) is an internal error. Raw backend text is never
// shown to the user: only the kind and detail pick a translated message.

export const ERROR_KINDS = [
  'not_found',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'invalid',
  'conflict',
  'unavailable',
  'internal',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

// Connecting a server (input checks, discovery, browser sign-in, verification):
// each of these says everything on its own.
const CONNECT_DETAILS = [
  'empty',
  'malformed_url',
  'not_https',
  'credentials_in_url',
  'not_a_host',
  'not_mastodon',
  'demo_mode',
  'denied',
  'state_mismatch',
  'port_unavailable',
  'browser',
  'invalid_grant',
  'bad_response',
  'not_staff',
  'already_connected',
] as const

export const ERROR_DETAILS = [
  'html_page',
  'bad_json',
  'timeout',
  'unreachable',
  'server_error',
  'token_invalid',
  'cancelled',
  ...CONNECT_DETAILS,
] as const
export type ErrorDetail = (typeof ERROR_DETAILS)[number]

export interface AppError {
  kind: ErrorKind
  /** A known detail, or '' when there is none (unknown details are dropped). */
  detail: ErrorDetail | ''
}

const kindSet = new Set<string>(ERROR_KINDS)
const detailSet = new Set<string>(ERROR_DETAILS)

export function isErrorKind(v: unknown): v is ErrorKind {
  return typeof v === 'string' && kindSet.has(v)
}

export function isErrorDetail(v: unknown): v is ErrorDetail {
  return typeof v === 'string' && detailSet.has(v)
}

function fromObject(o: Record<string, unknown>): AppError | null {
  if (!('kind' in o)) return null
  return {
    kind: isErrorKind(o.kind) ? o.kind : 'internal',
    detail: isErrorDetail(o.detail) ? o.detail : '',
  }
}

/** Normalizes any rejection value into {kind, detail}. */
export function toAppError(e: unknown): AppError {
  if (e !== null && typeof e === 'object' && !(e instanceof Error)) {
    const r = fromObject(e as Record<string, unknown>)
    if (r) return r
  }
  if (typeof e === 'string') {
    // Some transports hand the payload over JSON-encoded.
    const s = e.trim()
    if (s.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(s)
        if (parsed !== null && typeof parsed === 'object') {
          const r = fromObject(parsed as Record<string, unknown>)
          if (r) return r
        }
      } catch {
        // not JSON: fall through
      }
    }
  }
  return { kind: 'internal', detail: '' }
}

/** The i18n key of an error kind. */
export function kindKey(kind: ErrorKind): string {
  return `errors.kind.${kind}`
}

/** The i18n key of an error detail, or null when the detail adds nothing. */
export function detailKey(detail: ErrorDetail | ''): string | null {
  return detail === '' ? null : `errors.detail.${detail}`
}

/**
 * Details whose message says everything on its own: the generic kind sentence
 * in front ("The server refused the request as invalid.") would only mislead.
 */
export const STANDALONE_DETAILS: ReadonlySet<ErrorDetail> = new Set<ErrorDetail>([
  ...CONNECT_DETAILS,
  'cancelled',
])

/**
 * Where an error happened, when that changes its meaning: a timeout while
 * Steward waits for the browser means nobody signed in, not a slow server.
 */
export type ErrorContext = 'signin' | undefined

/** The keys to show for an error: the kind first, then the detail if there is one. */
export function errorKeys(e: AppError, context?: ErrorContext): string[] {
  if (context === 'signin' && e.detail === 'timeout') return ['errors.connect.signinTimeout']
  if (e.detail !== '' && STANDALONE_DETAILS.has(e.detail)) return [`errors.detail.${e.detail}`]
  const keys = [kindKey(e.kind)]
  const d = detailKey(e.detail)
  if (d) keys.push(d)
  return keys
}

/** Translates an error into one sentence pair with the given translate function. */
export function errorMessage(t: (key: string) => string, e: AppError, context?: ErrorContext): string {
  return errorKeys(e, context)
    .map((k) => t(k))
    .join(' ')
}

/** Builds an AppError from a ServerView's errorKind/errorDetail fields. */
export function fromKindDetail(kind: string, detail: string): AppError {
  return {
    kind: isErrorKind(kind) ? kind : 'internal',
    detail: isErrorDetail(detail) ? detail : '',
  }
}
