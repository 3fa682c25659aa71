import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { ref } from 'vue'
import { $, click, job, settle, testI18n, typeInto, withProviders } from './helpers'

const bus = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...a: unknown[]) => void>>()
  return {
    handlers,
    emit(name: string, payload?: unknown) {
      for (const cb of [...(handlers.get(name) ?? [])]) cb(payload)
    },
  }
})

vi.mock('../wailsjs/go/app/Servers', () => ({
  List: vi.fn(),
  Refresh: vi.fn(),
  Connect: vi.fn(),
  SyncNow: vi.fn(),
  Remove: vi.fn(),
}))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!bus.handlers.has(name)) bus.handlers.set(name, new Set())
    bus.handlers.get(name)!.add(cb)
    return () => bus.handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { Connect } from '../wailsjs/go/app/Servers'
import { Cancel, Get } from '../wailsjs/go/app/Jobs'
import ConnectDialog from '../src/components/ConnectDialog.vue'
import type { AppLocale } from '../src/i18n'

type JV = Awaited<ReturnType<typeof Get>>
const connect = vi.mocked(Connect)
const get = vi.mocked(Get)

let pinia: Pinia

async function mountDialog(opts: { locale?: AppLocale; prefill?: Record<string, unknown> | null; reauth?: boolean } = {}) {
  const show = ref(true)
  const connected = vi.fn()
  const w = mount(
    withProviders(ConnectDialog, () => ({
      show: show.value,
      prefill: opts.prefill ?? null,
      reauth: opts.reauth ?? false,
      'onUpdate:show': (v: boolean) => (show.value = v),
      onConnected: connected,
    })),
    { attachTo: document.body, global: { plugins: [pinia, testI18n(opts.locale ?? 'en')] } },
  )
  await flushPromises()
  await settle()
  return { w, show, connected }
}

async function tick() {
  await flushPromises()
  await settle()
}

const text = (sel: string) => $(sel)?.textContent ?? ''

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  bus.handlers.clear()
  connect.mockReset()
  get.mockReset()
  vi.mocked(Cancel).mockReset()
  document.body.innerHTML = ''
})

describe('ConnectDialog', () => {
  it('shows the form with domain, name and hosting; no provider fields for a self-run server', async () => {
    const { w } = await mountDialog()
    expect($('[data-testid="connect-form"]')).not.toBeNull()
    expect($('[data-testid="connect-input"]')).not.toBeNull()
    expect($('[data-testid="connect-name"]')).not.toBeNull()
    expect(text('[data-testid="connect-form"]')).toContain('Server domain or URL')
    expect($('[data-testid="connect-provider"]')).toBeNull()
    expect($('[data-testid="connect-contract"]')).toBeNull()
    w.unmount()
  })

  it('requires the domain: a hint, no call', async () => {
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', '   ')
    click('[data-testid="connect-submit"]')
    await tick()
    expect(connect).not.toHaveBeenCalled()
    expect(text('[data-testid="connect-input-item"]')).toContain("Enter the server's domain or address.")
    w.unmount()
  })

  it.each([
    ['@alice@social.example.org', 'This looks like an account handle.'],
    ['alice@social.example.org', 'This looks like an account handle.'],
    ['http://social.example.org', 'Steward only connects over HTTPS.'],
    ['social example.org', 'A server address cannot contain spaces.'],
  ])('hints at %s without blocking (the backend decides)', async (input, hint) => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1' }) as JV)
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', input)
    await tick()
    expect(text('[data-testid="connect-input-item"]')).toContain(hint)
    click('[data-testid="connect-submit"]')
    await tick()
    expect(connect).toHaveBeenCalledTimes(1)
    w.unmount()
  })

  it('shows provider and contract fields for a managed server, and requires the provider', async () => {
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'gts.radio.example')
    click('[data-testid="connect-hosting-managed"] input')
    await tick()
    expect($('[data-testid="connect-provider"]')).not.toBeNull()
    expect($('[data-testid="connect-contract"]')).not.toBeNull()
    click('[data-testid="connect-submit"]')
    await tick()
    expect(connect).not.toHaveBeenCalled()
    expect(text('[data-testid="connect-provider-item"]')).toContain("Enter the provider's name.")
    w.unmount()
  })

  it('submits the trimmed request to Servers.Connect', async () => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', step: 'discovering' }) as JV)
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', '  https://gts.radio.example/  ')
    typeInto('[data-testid="connect-name"]', ' Radio Example ')
    click('[data-testid="connect-hosting-managed"] input')
    await tick()
    typeInto('[data-testid="connect-provider"]', ' Fedi Hosting GmbH ')
    typeInto('[data-testid="connect-contract"]', ' FH-2024-117 ')
    click('[data-testid="connect-submit"]')
    await tick()
    expect(connect).toHaveBeenCalledWith({
      input: 'https://gts.radio.example/',
      name: 'Radio Example',
      hosting: 'managed',
      provider: 'Fedi Hosting GmbH',
      contractRef: 'FH-2024-117',
    })
    w.unmount()
  })

  it('shows the steps with the current one highlighted, and the browser explanation', async () => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', step: 'discovering' }) as JV)
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'social.example.org')
    click('[data-testid="connect-submit"]')
    await tick()
    expect($('[data-testid="connect-form"]')).toBeNull()
    expect(text('[data-testid="connect-progress"]')).toContain('Connecting social.example.org')
    for (const s of ['discovering', 'waiting_for_browser', 'exchanging', 'verifying', 'saving', 'syncing']) {
      expect($(`[data-testid="connect-step-${s}"]`)).not.toBeNull()
    }
    expect($('[data-testid="connect-step-discovering"]')?.getAttribute('aria-current')).toBe('step')
    expect($('[data-testid="connect-browser-hint"]')).toBeNull()

    bus.emit('job:progress:j1', job({ id: 'j1', step: 'waiting_for_browser' }))
    await tick()
    expect($('[data-testid="connect-step-waiting_for_browser"]')?.getAttribute('aria-current')).toBe('step')
    expect($('[data-testid="connect-step-discovering"]')?.getAttribute('aria-current')).toBeNull()
    expect($('[data-testid="connect-step-discovering"]')?.className).toContain('n-step--finish-status')
    expect(text('[data-testid="connect-browser-hint"]')).toContain(
      "Your browser opened the server's sign-in page. Approve Steward there, then come back.",
    )
    w.unmount()
  })

  it('closes on success, reports the new server id and says so', async () => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', step: 'saving' }) as JV)
    const { w, show, connected } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'social.example.org')
    typeInto('[data-testid="connect-name"]', 'City of Example')
    click('[data-testid="connect-submit"]')
    await tick()
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'done', step: 'syncing', result: 'srv-9' }))
    await tick()
    expect(show.value).toBe(false)
    expect(connected).toHaveBeenCalledWith('srv-9')
    expect(document.body.textContent).toContain('City of Example is connected.')
    w.unmount()
  })

  it.each([
    ['forbidden', 'not_staff', 'This account is not a moderator or administrator on that server; its token was revoked.'],
    ['invalid', 'not_mastodon', 'This does not look like a Mastodon or GoToSocial server.'],
    ['forbidden', 'denied', 'Sign-in was declined in the browser.'],
    ['conflict', 'already_connected', 'This server is already connected.'],
  ])('on failure %s/%s keeps the form filled and shows the translated reason', async (kind, detail, msg) => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', step: 'verifying' }) as JV)
    const { w, show } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'gts.radio.example')
    typeInto('[data-testid="connect-name"]', 'Radio')
    click('[data-testid="connect-hosting-managed"] input')
    await tick()
    typeInto('[data-testid="connect-provider"]', 'Fedi Hosting GmbH')
    typeInto('[data-testid="connect-contract"]', 'FH-1')
    click('[data-testid="connect-submit"]')
    await tick()
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'failed', step: 'verifying', errorKind: kind, errorDetail: detail }))
    await tick()
    expect(show.value).toBe(true)
    const err = text('[data-testid="connect-error"]')
    expect(err).toContain('The server could not be connected')
    expect(err).toContain(msg)
    expect(err).not.toContain('refused the request as invalid') // no misleading generic sentence
    expect(($('[data-testid="connect-input"]') as HTMLInputElement).value).toBe('gts.radio.example')
    expect(($('[data-testid="connect-name"]') as HTMLInputElement).value).toBe('Radio')
    expect(($('[data-testid="connect-provider"]') as HTMLInputElement).value).toBe('Fedi Hosting GmbH')
    expect(($('[data-testid="connect-contract"]') as HTMLInputElement).value).toBe('FH-1')

    // Retry sends the same request again.
    connect.mockResolvedValue('j2')
    get.mockResolvedValue(job({ id: 'j2' }) as JV)
    click('[data-testid="connect-submit"]')
    await tick()
    expect(connect).toHaveBeenCalledTimes(2)
    expect(connect.mock.calls[1][0]).toEqual(connect.mock.calls[0][0])
    w.unmount()
  })

  it('translates the failure into German', async () => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', state: 'failed', step: 'discovering', errorKind: 'invalid', errorDetail: 'not_mastodon' }) as JV)
    const { w } = await mountDialog({ locale: 'de' })
    typeInto('[data-testid="connect-input"]', 'example.org')
    click('[data-testid="connect-submit"]')
    await tick()
    expect(text('[data-testid="connect-error"]')).toContain('Das scheint kein Mastodon- oder GoToSocial-Server zu sein.')
    w.unmount()
  })

  it('a timeout while waiting for the browser means no sign-in arrived', async () => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', step: 'waiting_for_browser' }) as JV)
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'social.example.org')
    click('[data-testid="connect-submit"]')
    await tick()
    bus.emit(
      'job:progress:j1',
      job({ id: 'j1', state: 'failed', step: 'waiting_for_browser', errorKind: 'unavailable', errorDetail: 'timeout' }),
    )
    await tick()
    expect(text('[data-testid="connect-error"]')).toContain('No sign-in arrived in time.')
    w.unmount()
  })

  it('shows why it could not start (e.g. not_https) and keeps the values', async () => {
    connect.mockRejectedValue({ kind: 'invalid', detail: 'not_https', op: 'servers.Connect' })
    const { w } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'http://social.example.org')
    click('[data-testid="connect-submit"]')
    await tick()
    expect(text('[data-testid="connect-error"]')).toContain('Connecting could not be started.')
    expect(text('[data-testid="connect-error"]')).toContain('Steward only connects over HTTPS.')
    expect(($('[data-testid="connect-input"]') as HTMLInputElement).value).toBe('http://social.example.org')
    w.unmount()
  })

  it('Cancel calls Jobs.Cancel; the cancelled job returns to the form', async () => {
    connect.mockResolvedValue('j1')
    get.mockResolvedValue(job({ id: 'j1', step: 'waiting_for_browser' }) as JV)
    vi.mocked(Cancel).mockResolvedValue(undefined)
    const { w, show } = await mountDialog()
    typeInto('[data-testid="connect-input"]', 'social.example.org')
    click('[data-testid="connect-submit"]')
    await tick()
    click('[data-testid="connect-cancel-job"]')
    await tick()
    expect(Cancel).toHaveBeenCalledWith('j1')
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'cancelled', step: 'waiting_for_browser' }))
    await tick()
    expect(show.value).toBe(true)
    expect(text('[data-testid="connect-error"]')).toContain('Connecting was cancelled')
    expect(($('[data-testid="connect-input"]') as HTMLInputElement).value).toBe('social.example.org')
    w.unmount()
  })

  it('prefills the form for "Sign in again"', async () => {
    const { w } = await mountDialog({
      reauth: true,
      prefill: { input: 'https://social.example.org', name: 'City', hosting: 'managed', provider: 'P', contractRef: 'K' },
    })
    expect(document.body.textContent).toContain('Sign in again')
    expect(($('[data-testid="connect-input"]') as HTMLInputElement).value).toBe('https://social.example.org')
    expect(($('[data-testid="connect-provider"]') as HTMLInputElement).value).toBe('P')
    w.unmount()
  })
})
