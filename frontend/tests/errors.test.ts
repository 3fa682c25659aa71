import { describe, expect, it } from 'vitest'
import {
  ERROR_DETAILS,
  ERROR_KINDS,
  detailKey,
  errorKeys,
  errorMessage,
  fromKindDetail,
  kindKey,
  toAppError,
} from '../src/errors'
import en from '../src/locales/en.json'

describe('toAppError', () => {
  it.each(ERROR_KINDS)('keeps the kind %s from a backend payload', (kind) => {
    expect(toAppError({ kind, detail: '', op: 'servers.List' })).toEqual({ kind, detail: '' })
  })

  it.each(ERROR_DETAILS)('keeps the detail %s', (detail) => {
    expect(toAppError({ kind: 'unavailable', detail, op: 'x' })).toEqual({ kind: 'unavailable', detail })
  })

  it('maps an unknown kind to internal and drops an unknown detail', () => {
    expect(toAppError({ kind: 'exploded', detail: 'weird', op: 'x' })).toEqual({ kind: 'internal', detail: '' })
    expect(toAppError({ kind: 'forbidden', detail: 42 })).toEqual({ kind: 'forbidden', detail: '' })
  })

  it.each([
    ['a plain string', 'servers: list: connection refused'],
    ['an Error', new Error('boom')],
    ['a TypeError', new TypeError('window.go is undefined')],
    ['undefined', undefined],
    ['null', null],
    ['a number', 500],
    ['an object without kind', { message: 'nope' }],
    ['malformed JSON', '{"kind": '],
  ])('maps %s to internal', (_label, value) => {
    expect(toAppError(value)).toEqual({ kind: 'internal', detail: '' })
  })

  it('reads a JSON-encoded payload string', () => {
    expect(toAppError('{"kind":"rate_limited","detail":"","op":"x"}')).toEqual({ kind: 'rate_limited', detail: '' })
  })

  it('never carries the raw backend text', () => {
    const e = toAppError({ kind: 'invalid', detail: '', op: 'secret op', message: 'raw English' })
    expect(Object.keys(e).sort()).toEqual(['detail', 'kind'])
  })
})

describe('i18n keys', () => {
  it.each(ERROR_KINDS)('kind %s has its own key present in en', (kind) => {
    expect(kindKey(kind)).toBe(`errors.kind.${kind}`)
    expect(en.errors.kind[kind]).toBeTruthy()
  })

  it.each(ERROR_DETAILS)('detail %s has its own key present in en', (detail) => {
    expect(detailKey(detail)).toBe(`errors.detail.${detail}`)
    expect(en.errors.detail[detail]).toBeTruthy()
  })

  it('has no detail key for an empty detail', () => {
    expect(detailKey('')).toBeNull()
    expect(errorKeys({ kind: 'internal', detail: '' })).toEqual(['errors.kind.internal'])
  })

  it('shows the kind then the detail', () => {
    expect(errorKeys({ kind: 'unavailable', detail: 'html_page' })).toEqual([
      'errors.kind.unavailable',
      'errors.detail.html_page',
    ])
    const t = (k: string) => `<${k}>`
    expect(errorMessage(t, { kind: 'unavailable', detail: 'timeout' })).toBe(
      '<errors.kind.unavailable> <errors.detail.timeout>',
    )
  })

  it('builds an error from a ServerView errorKind/errorDetail', () => {
    expect(fromKindDetail('unavailable', 'bad_json')).toEqual({ kind: 'unavailable', detail: 'bad_json' })
    expect(fromKindDetail('', '')).toEqual({ kind: 'internal', detail: '' })
  })

  it('uses the agreed English wording for the detail messages', () => {
    expect(en.errors.detail.html_page).toBe('The server answered with an error page instead of data.')
    expect(en.errors.detail.bad_json).toBe("The server's answer was cut off or malformed.")
    expect(en.errors.detail.timeout).toBe('The server did not answer in time.')
    expect(en.errors.detail.unreachable).toBe('The server cannot be reached.')
  })
})

describe('connect errors', () => {
  it('self-explanatory details stand alone, without the generic kind sentence', () => {
    expect(errorKeys({ kind: 'invalid', detail: 'not_https' })).toEqual(['errors.detail.not_https'])
    expect(errorKeys({ kind: 'forbidden', detail: 'not_staff' })).toEqual(['errors.detail.not_staff'])
    expect(errorKeys({ kind: 'unavailable', detail: 'cancelled' })).toEqual(['errors.detail.cancelled'])
  })

  it('a timeout during browser sign-in means no sign-in arrived', () => {
    const e = { kind: 'unavailable', detail: 'timeout' } as const
    expect(errorKeys(e, 'signin')).toEqual(['errors.connect.signinTimeout'])
    expect(errorKeys(e)).toEqual(['errors.kind.unavailable', 'errors.detail.timeout'])
    expect(en.errors.connect.signinTimeout).toBe('No sign-in arrived in time.')
  })

  it.each([
    ['invalid', 'not_https', 'Steward only connects over HTTPS.'],
    ['invalid', 'not_a_host', 'Enter a server domain such as social.example.org, not an account handle.'],
    ['invalid', 'not_mastodon', 'This does not look like a Mastodon or GoToSocial server.'],
    ['invalid', 'demo_mode', 'The demo cannot connect real servers. Start Steward without the demo to connect your own.'],
    ['forbidden', 'denied', 'Sign-in was declined in the browser.'],
    ['invalid', 'state_mismatch', 'The sign-in answer did not match this request and was refused.'],
    ['unavailable', 'browser', 'The system browser could not be opened.'],
    ['forbidden', 'not_staff', 'This account is not a moderator or administrator on that server; its token was revoked.'],
    ['conflict', 'already_connected', 'This server is already connected.'],
  ])('%s/%s reads "%s"', (kind, detail, want) => {
    const e = toAppError({ kind, detail, op: 'connect' })
    const t = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string
    expect(errorMessage(t, e)).toBe(want)
  })
})
