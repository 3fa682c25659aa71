// The per-row actions of the server list: Sync now, Details, Remove, Sign in again; and Connect in demo mode.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { $, click, job, server, settle, testI18n, withProviders } from './helpers'

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

import { List, Remove, SyncNow } from '../wailsjs/go/app/Servers'
import { Cancel, Get } from '../wailsjs/go/app/Jobs'
import ServersView from '../src/views/ServersView.vue'
import { useAppStore } from '../src/stores/app'
import type { AppLocale } from '../src/i18n'

type SV = Awaited<ReturnType<typeof List>>
type JV = Awaited<ReturnType<typeof Get>>
type AI = NonNullable<ReturnType<typeof useAppStore>['info']>
const list = vi.mocked(List)

let pinia: Pinia

async function tick() {
  await flushPromises()
  await settle()
}

async function mountView(locale: AppLocale = 'en') {
  const w = mount(withProviders(ServersView), { attachTo: document.body, global: { plugins: [pinia, testI18n(locale)] } })
  await tick()
  return w
}

const text = (sel: string) => $(sel)?.textContent ?? ''

/** Opens a row's "⋯" menu and picks an entry. */
async function menu(id: string, entry: 'details' | 'remove') {
  click(`[data-testid="more-${id}"]`)
  await tick()
  click(`[data-testid="${entry}-${id}"]`)
}

const city = () =>
  server({
    id: 'city',
    name: 'City of Example',
    domain: 'social.example.org',
    url: 'https://social.example.org',
    account: 'moderation',
    roleName: 'Moderator',
    permissions: ['manage_reports', 'manage_users', 'view_dashboard', 'manage_webhooks'],
    capabilities: [
      { key: 'report_assign', supported: true },
      { key: 'report_reopen', supported: true },
      { key: 'rules_api', supported: false },
      { key: 'account_action_silence', supported: true },
      { key: 'streaming', supported: true },
      { key: 'future_thing', supported: false },
    ],
  })

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  bus.handlers.clear()
  list.mockReset()
  vi.mocked(SyncNow).mockReset()
  vi.mocked(Remove).mockReset()
  vi.mocked(Get).mockReset()
  document.body.innerHTML = ''
})

describe('Connect button', () => {
  it('opens the connect form', async () => {
    list.mockResolvedValue([city()] as SV)
    const w = await mountView()
    const btn = $('[data-testid="connect-server"]') as HTMLButtonElement
    expect(btn.textContent).toContain('Connect a server')
    expect(btn.disabled).toBe(false)
    expect($('[data-testid="connect-demo-reason"]')).toBeNull()
    btn.click()
    await tick()
    expect($('[data-testid="connect-form"]')).not.toBeNull()
    w.unmount()
  })

  it('is shown disabled with the reason in demo mode', async () => {
    list.mockResolvedValue([city()] as SV)
    useAppStore().info = { version: '0', demo: true, os: 'linux', dataDir: '', language: 'en' } as AI
    const w = await mountView()
    const btn = $('[data-testid="connect-server"]') as HTMLButtonElement
    expect(btn).not.toBeNull()
    expect(btn.disabled).toBe(true)
    expect(btn.getAttribute('aria-describedby')).toBe('connect-demo-reason')
    expect(text('#connect-demo-reason')).toBe(
      'The demo cannot connect real servers. Start Steward without the demo to connect your own.',
    )
    btn.click()
    await tick()
    expect($('[data-testid="connect-form"]')).toBeNull()
    w.unmount()
  })
})

describe('Sync now', () => {
  it('shows progress in the row until the job ends', async () => {
    list.mockResolvedValue([city()] as SV)
    vi.mocked(SyncNow).mockResolvedValue('s1')
    vi.mocked(Get).mockResolvedValue(job({ id: 's1', kind: 'sync' }) as JV)
    const w = await mountView()
    click('[data-testid="sync-city"]')
    await tick()
    expect(SyncNow).toHaveBeenCalledWith('city')
    expect(text('[data-testid="server-row-city"]')).toContain('Syncing…')
    // While the job runs, the row offers to cancel it instead of syncing again.
    expect($('[data-testid="sync-city"]')).toBeNull()
    expect($('[data-testid="sync-cancel-city"]')).not.toBeNull()
    bus.emit('job:progress:s1', job({ id: 's1', kind: 'sync', done: 2, total: 5 }))
    await tick()
    expect(text('[data-testid="sync-progress-city"]')).toContain('Syncing… 2 of 5')
    bus.emit('job:progress:s1', job({ id: 's1', kind: 'sync', state: 'done' }))
    await tick()
    expect($('[data-testid="sync-progress-city"]')).toBeNull()
    expect(($('[data-testid="sync-city"]') as HTMLButtonElement).disabled).toBe(false)
    w.unmount()
  })

  it('cancels a running sync', async () => {
    list.mockResolvedValue([city()] as SV)
    vi.mocked(SyncNow).mockResolvedValue('s2')
    vi.mocked(Get).mockResolvedValue(job({ id: 's2', kind: 'sync' }) as JV)
    vi.mocked(Cancel).mockResolvedValue(undefined as never)
    const w = await mountView()
    click('[data-testid="sync-city"]')
    await tick()
    click('[data-testid="sync-cancel-city"]')
    await tick()
    expect(Cancel).toHaveBeenCalledWith('s2')
    bus.emit('job:progress:s2', job({ id: 's2', kind: 'sync', state: 'cancelled' }))
    await tick()
    expect($('[data-testid="sync-cancel-city"]')).toBeNull()
    expect($('[data-testid="sync-city"]')).not.toBeNull()
    w.unmount()
  })

  it('shows a failed sync in the row, translated', async () => {
    list.mockResolvedValue([city()] as SV)
    vi.mocked(SyncNow).mockResolvedValue('s1')
    vi.mocked(Get).mockResolvedValue(
      job({ id: 's1', kind: 'sync', state: 'failed', errorKind: 'unavailable', errorDetail: 'unreachable' }) as JV,
    )
    const w = await mountView()
    click('[data-testid="sync-city"]')
    await tick()
    const row = text('[data-testid="server-row-city"]')
    expect(row).toContain('Sync failed:')
    expect(row).toContain('The server cannot be reached.')
    w.unmount()
  })
})

describe('Row menu', () => {
  it('the "⋯" button names its row and opens Details and Remove', async () => {
    list.mockResolvedValue([city()] as SV)
    const w = await mountView()
    const more = $('[data-testid="more-city"]') as HTMLButtonElement
    expect(more.getAttribute('aria-label')).toBe('More actions for City of Example')
    expect(more.getAttribute('aria-haspopup')).toBe('menu')
    expect(($('[data-testid="sync-city"]') as HTMLButtonElement).getAttribute('aria-label')).toBe('Sync City of Example now')
    more.click()
    await tick()
    expect(text('[data-testid="details-city"]')).toBe('Details')
    expect(text('[data-testid="remove-city"]')).toBe('Remove')
    w.unmount()
  })
})

describe('Remove', () => {
  it('asks first, saying exactly what will happen, and does nothing on Keep', async () => {
    list.mockResolvedValue([city()] as SV)
    const w = await mountView()
    await menu('city', 'remove')
    await tick()
    expect(document.body.textContent).toContain('Remove City of Example?')
    expect(text('[data-testid="remove-confirm-text"]')).toBe(
      "Steward revokes its access token on social.example.org, deletes the token from this computer's keychain and deletes the cached data of this server. Nothing on the server itself is changed.",
    )
    click('[data-testid="remove-cancel"]')
    await tick()
    expect(Remove).not.toHaveBeenCalled()
    w.unmount()
  })

  it('removes and says "Removed"', async () => {
    list.mockResolvedValueOnce([city()] as SV).mockResolvedValue([] as SV)
    vi.mocked(Remove).mockResolvedValue({ revoked: true })
    const w = await mountView()
    await menu('city', 'remove')
    await tick()
    click('[data-testid="remove-confirm"]')
    await tick()
    expect(Remove).toHaveBeenCalledWith('city')
    expect(document.body.textContent).toContain('Removed')
    expect($('[data-testid="server-row-city"]')).toBeNull()
    w.unmount()
  })

  it('tells the user to revoke the token themselves when the server could not be reached', async () => {
    list.mockResolvedValueOnce([city()] as SV).mockResolvedValue([] as SV)
    vi.mocked(Remove).mockResolvedValue({ revoked: false })
    const w = await mountView()
    await menu('city', 'remove')
    await tick()
    click('[data-testid="remove-confirm"]')
    await tick()
    expect(document.body.textContent).toContain(
      "Removed locally; the server could not be reached to revoke the token — revoke it in the server's settings.",
    )
    w.unmount()
  })

  it('says so when removing fails', async () => {
    list.mockResolvedValue([city()] as SV)
    vi.mocked(Remove).mockRejectedValue({ kind: 'internal', detail: '', op: 'servers.Remove' })
    const w = await mountView()
    await menu('city', 'remove')
    await tick()
    click('[data-testid="remove-confirm"]')
    await tick()
    expect(document.body.textContent).toContain('The server could not be removed. Something went wrong inside Steward.')
    expect($('[data-testid="server-row-city"]')).not.toBeNull()
    w.unmount()
  })

  it('is translated into German', async () => {
    list.mockResolvedValue([city()] as SV)
    const w = await mountView('de')
    await menu('city', 'remove')
    await tick()
    expect(text('[data-testid="remove-confirm-text"]')).toContain(
      'Steward widerruft sein Zugriffstoken auf social.example.org',
    )
    w.unmount()
  })
})

describe('Sign in again', () => {
  it('a reauth row offers "Sign in again", which opens Connect prefilled with the server', async () => {
    list.mockResolvedValue([
      server({
        id: 'radio',
        name: 'Radio Example',
        domain: 'gts.radio.example',
        url: 'https://gts.radio.example',
        hosting: 'managed',
        provider: 'Fedi Hosting GmbH',
        contractRef: 'FH-1',
        state: 'reauth',
        errorKind: 'unauthorized',
        errorDetail: 'token_invalid',
      }),
    ] as SV)
    const w = await mountView()
    const row = text('[data-testid="server-row-radio"]')
    expect(row).toContain('Sign-in expired')
    const btn = $('[data-testid="reauth-radio"]') as HTMLButtonElement
    expect(btn.textContent).toContain('Sign in again')
    expect(btn.getAttribute('aria-label')).toBe('Sign in to Radio Example again')
    expect(($('[data-testid="sync-radio"]') as HTMLButtonElement).disabled).toBe(true)
    btn.click()
    await tick()
    expect(($('[data-testid="connect-input"]') as HTMLInputElement).value).toBe('https://gts.radio.example')
    expect(($('[data-testid="connect-name"]') as HTMLInputElement).value).toBe('Radio Example')
    expect(($('[data-testid="connect-provider"]') as HTMLInputElement).value).toBe('Fedi Hosting GmbH')
    expect(($('[data-testid="connect-contract"]') as HTMLInputElement).value).toBe('FH-1')
    w.unmount()
  })
})

describe('Details drawer', () => {
  it('shows the server, account, permissions and capabilities', async () => {
    list.mockResolvedValue([city()] as SV)
    const w = await mountView()
    await menu('city', 'details')
    await tick()
    const d = $('[data-testid="server-details"]')
    expect(d).not.toBeNull()
    expect(text('[data-testid="details-name"]')).toBe('City of Example')
    expect(text('[data-testid="details-domain"]')).toBe('social.example.org')
    expect(text('[data-testid="details-software"]')).toContain('Mastodon 4.3.2')
    expect(text('[data-testid="details-hosting"]')).toBe('Self-run')
    expect(text('[data-testid="details-account"]')).toBe('moderation')
    expect(text('[data-testid="details-role"]')).toBe('Moderator')

    const perms = text('[data-testid="details-permissions"]')
    expect(perms).toContain('Manage reports')
    expect(perms).toContain('Manage users')
    expect(perms).toContain('View dashboard')
    expect(perms).toContain('manage_webhooks') // unknown: the raw key

    expect(text('[data-testid="cap-report_assign"]')).toContain('✓')
    expect(text('[data-testid="cap-report_assign"]')).toContain('Assign reports')
    expect(text('[data-testid="cap-report_reopen"]')).toContain('Reopen reports')
    expect(text('[data-testid="cap-rules_api"]')).toContain('✗')
    expect(text('[data-testid="cap-rules_api"]')).toContain('Edit server rules')
    expect(text('[data-testid="cap-rules_api"]')).toContain('not supported')
    expect(text('[data-testid="cap-account_action_silence"]')).toContain('Limit')
    expect(text('[data-testid="cap-streaming"]')).toContain('Live notifications')
    expect(text('[data-testid="cap-future_thing"]')).toContain('future_thing')
    // Related capabilities are grouped: reports first, unknown last.
    const keys = Array.from(document.querySelectorAll('[data-testid^="cap-"]')).map((e) => e.getAttribute('data-testid'))
    expect(keys[0]).toBe('cap-report_assign')
    expect(keys[keys.length - 1]).toBe('cap-future_thing')
    w.unmount()
  })

  it('shows provider and contract of a managed server, in French', async () => {
    list.mockResolvedValue([
      server({ id: 'm', hosting: 'managed', provider: 'Fedi Hosting GmbH', contractRef: 'FH-2024-117', capabilities: [{ key: 'report_assign', supported: true }] }),
    ] as SV)
    const w = await mountView('fr')
    await menu('m', 'details')
    await tick()
    expect(text('[data-testid="details-hosting"]')).toContain('Fedi Hosting GmbH')
    expect(text('[data-testid="details-contract"]')).toBe('FH-2024-117')
    expect(text('[data-testid="cap-report_assign"]')).toContain('Attribuer les signalements')
    expect(text('[data-testid="server-details"]')).toContain('Détails du serveur')
    w.unmount()
  })

  it('renders a hostile server name and account as text', async () => {
    const evil = '<img src=x onerror=window.__xss=1>'
    list.mockResolvedValue([
      server({ id: 'evil', name: evil, domain: 'evil.example', account: evil, roleName: '<b>Owner</b>', permissions: ['<script>x</script>'] }),
    ] as SV)
    const w = await mountView()
    await menu('evil', 'details')
    await tick()
    const d = $('[data-testid="server-details"]')!
    expect(d.querySelector('img')).toBeNull()
    expect(d.querySelector('script')).toBeNull()
    expect(d.querySelector('b')).toBeNull()
    expect(text('[data-testid="details-name"]')).toBe(evil)
    expect(text('[data-testid="details-account"]')).toBe(evil)
    expect(text('[data-testid="details-role"]')).toBe('<b>Owner</b>')
    expect((window as unknown as { __xss?: unknown }).__xss).toBeUndefined()
    w.unmount()
  })

  it('shows the sync error and says when nothing was detected yet', async () => {
    list.mockResolvedValue([
      server({ id: 'e', state: 'error', errorKind: 'unavailable', errorDetail: 'timeout', permissions: [], capabilities: [], lastSync: '' }),
    ] as SV)
    const w = await mountView()
    await menu('e', 'details')
    await tick()
    expect(text('[data-testid="details-state"]')).toContain('The server did not answer in time.')
    expect(text('[data-testid="details-last-sync"]')).toBe('never')
    expect(text('[data-testid="server-details"]')).toContain('No permissions reported yet.')
    expect(text('[data-testid="server-details"]')).toContain('Not detected yet')
    w.unmount()
  })
})
