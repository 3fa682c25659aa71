import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { server, settle, testI18n, withProviders, deferred } from './helpers'

vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(), Refresh: vi.fn() }))
vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ EventsOn: vi.fn(() => () => {}), BrowserOpenURL: vi.fn() }))

import { List, Refresh } from '../wailsjs/go/app/Servers'
import ServersView from '../src/views/ServersView.vue'
import type { AppLocale } from '../src/i18n'

const list = vi.mocked(List)
const refresh = vi.mocked(Refresh)
type SV = Awaited<ReturnType<typeof List>>

let pinia: Pinia

async function mountView(locale: AppLocale = 'en') {
  const w = mount(withProviders(ServersView), {
    attachTo: document.body,
    global: { plugins: [pinia, testI18n(locale)] },
  })
  await flushPromises()
  await settle()
  return w
}

const twoServers = () =>
  [
    server({
      id: 'city',
      name: 'City of Example',
      domain: 'social.example.org',
      software: 'mastodon',
      version: '4.3.2',
      hosting: 'self',
      openReports: 4,
      state: 'idle',
      lastSync: new Date(Date.now() - 2 * 60_000).toISOString(),
    }),
    server({
      id: 'radio',
      name: 'Radio Example',
      domain: 'gts.radio.example',
      software: 'gotosocial',
      version: '0.17.3',
      hosting: 'managed',
      provider: 'Fedi Hosting GmbH',
      openReports: 0,
      state: 'error',
      errorKind: 'unavailable',
      errorDetail: 'html_page',
      lastSync: '',
    }),
  ] as SV

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  list.mockReset()
  refresh.mockReset()
  document.body.innerHTML = ''
})

describe('ServersView', () => {
  it('renders one row per server with name, domain, software, hosting, reports and state', async () => {
    list.mockResolvedValue(twoServers())
    const w = await mountView()

    expect(w.find('[data-testid="servers-table"]').exists()).toBe(true)
    const city = w.find('[data-testid="server-row-city"]')
    const radio = w.find('[data-testid="server-row-radio"]')
    expect(city.exists()).toBe(true)
    expect(radio.exists()).toBe(true)

    expect(city.text()).toContain('City of Example')
    expect(city.text()).toContain('social.example.org')
    expect(city.text()).toContain('Mastodon 4.3.2')
    expect(city.text()).toContain('Self-run')
    expect(city.text()).toContain('Synced 2 minutes ago')

    expect(radio.text()).toContain('GoToSocial 0.17.3')
    expect(radio.text()).toContain('Managed by Fedi Hosting GmbH')
    expect(radio.text()).toContain('Sync failed:')
    expect(radio.text()).toContain('The server is unavailable right now.')
    expect(radio.text()).toContain('The server answered with an error page instead of data.')

    const cityReports = w.find('[data-testid="open-reports-city"]')
    expect(cityReports.text()).toBe('4')
    expect(cityReports.classes()).toContain('reports--open')
    const radioReports = w.find('[data-testid="open-reports-radio"]')
    expect(radioReports.text()).toBe('0')
    expect(radioReports.classes()).not.toContain('reports--open')
    w.unmount()
  })

  it('shows the total of open reports above the table', async () => {
    list.mockResolvedValue([...twoServers(), server({ id: 'x', openReports: 3 })] as SV)
    const w = await mountView()
    expect(w.find('[data-testid="servers-summary"]').text()).toBe('7 open reports across 3 servers')
    w.unmount()
  })

  it('translates the table into German', async () => {
    list.mockResolvedValue(twoServers())
    const w = await mountView('de')
    expect(w.find('[data-testid="servers-summary"]').text()).toBe('4 offene Meldungen auf 2 Servern')
    const radio = w.find('[data-testid="server-row-radio"]')
    expect(radio.text()).toContain('Betreut von Fedi Hosting GmbH')
    expect(radio.text()).toContain('Der Server hat statt Daten eine Fehlerseite geliefert.')
    expect(w.find('[data-testid="server-row-city"]').text()).toContain('Synchronisiert vor 2 Minuten')
    w.unmount()
  })

  it('shows syncing and never-synced states', async () => {
    list.mockResolvedValue([
      server({ id: 'a', state: 'syncing' }),
      server({ id: 'b', state: 'never', lastSync: '' }),
      server({ id: 'c', state: 'idle', lastSync: new Date().toISOString() }),
      server({ id: 'd', software: 'unknown', version: '' }),
    ] as SV)
    const w = await mountView()
    expect(w.find('[data-testid="server-row-a"]').text()).toContain('Syncing…')
    expect(w.find('[data-testid="server-row-b"]').text()).toContain('Not synced yet')
    expect(w.find('[data-testid="server-row-c"]').text()).toContain('Synced just now')
    expect(w.find('[data-testid="server-row-d"]').text()).toContain('Unknown software')
    w.unmount()
  })

  it('renders server-supplied names as text, never as HTML', async () => {
    list.mockResolvedValue([server({ id: 'evil', name: '<img src=x onerror="window.__xss=1">Evil' })] as SV)
    const w = await mountView()
    const row = w.find('[data-testid="server-row-evil"]')
    expect(row.find('img').exists()).toBe(false)
    expect(row.text()).toContain('<img src=x onerror="window.__xss=1">Evil')
    w.unmount()
  })

  it('has an accessible label on the table', async () => {
    list.mockResolvedValue(twoServers())
    const w = await mountView()
    expect(w.find('[data-testid="servers-table"]').attributes('aria-label')).toBe('Connected servers')
    expect(w.find('[data-testid="refresh-servers"]').attributes('aria-label')).toBe('Re-sync all servers now')
    w.unmount()
  })

  it('shows the empty state when there are no servers', async () => {
    list.mockResolvedValue([] as SV)
    const w = await mountView()
    const empty = w.find('[data-testid="servers-empty"]')
    expect(empty.exists()).toBe(true)
    expect(empty.text()).toContain('No servers connected')
    expect(empty.text()).toContain('Once a server is connected')
    expect(w.find('[data-testid="servers-table"]').exists()).toBe(false)
    w.unmount()
  })

  it('shows a loading state during the first load', async () => {
    const d = deferred<SV>()
    list.mockReturnValue(d.promise)
    const w = await mountView()
    expect(w.find('[data-testid="servers-loading"]').exists()).toBe(true)
    expect(w.find('[data-testid="servers-table"]').exists()).toBe(false)
    d.resolve(twoServers())
    await flushPromises()
    await settle()
    expect(w.find('[data-testid="servers-loading"]').exists()).toBe(false)
    expect(w.find('[data-testid="servers-table"]').exists()).toBe(true)
    w.unmount()
  })

  it('shows a translated error with Retry when List fails, and Retry loads again', async () => {
    list.mockRejectedValueOnce({ kind: 'unavailable', detail: 'timeout', op: 'servers.List' })
    const w = await mountView()
    const err = w.find('[data-testid="servers-error"]')
    expect(err.exists()).toBe(true)
    expect(err.text()).toContain('The server list could not be loaded')
    expect(err.text()).toContain('The server did not answer in time.')
    expect(err.text()).not.toContain('servers.List')

    list.mockResolvedValueOnce(twoServers())
    await w.find('[data-testid="retry-servers"]').trigger('click')
    await flushPromises()
    await settle()
    expect(list).toHaveBeenCalledTimes(2)
    expect(w.find('[data-testid="servers-error"]').exists()).toBe(false)
    expect(w.find('[data-testid="server-row-city"]').exists()).toBe(true)
    w.unmount()
  })

  it('never shows raw backend text for odd rejections', async () => {
    list.mockRejectedValueOnce(new Error('dial tcp 10.0.0.1:443: connect: connection refused'))
    const w = await mountView()
    const err = w.find('[data-testid="servers-error"]')
    expect(err.text()).toContain('Something went wrong inside Steward.')
    expect(w.text()).not.toContain('dial tcp')
    w.unmount()
  })

  it('keeps the list and shows an alert when a later load fails', async () => {
    list.mockResolvedValueOnce(twoServers())
    const w = await mountView()
    list.mockRejectedValueOnce({ kind: 'rate_limited', detail: '', op: 'x' })
    const { useServersStore } = await import('../src/stores/servers')
    await useServersStore().load()
    await flushPromises()
    expect(w.find('[data-testid="servers-error"]').text()).toContain('The server is limiting requests.')
    expect(w.find('[data-testid="server-row-city"]').exists()).toBe(true)
    w.unmount()
  })

  it('the Refresh button asks the backend to re-sync and re-reads the list', async () => {
    list.mockResolvedValue(twoServers())
    refresh.mockResolvedValue(undefined)
    const w = await mountView()
    expect(list).toHaveBeenCalledTimes(1)
    await w.find('[data-testid="refresh-servers"]').trigger('click')
    await flushPromises()
    await settle()
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(list).toHaveBeenCalledTimes(2)
    w.unmount()
  })

  it('tells the user when the re-sync cannot be started', async () => {
    list.mockResolvedValue(twoServers())
    refresh.mockRejectedValue({ kind: 'forbidden', detail: '', op: 'x' })
    const w = await mountView()
    await w.find('[data-testid="refresh-servers"]').trigger('click')
    await flushPromises()
    await settle()
    expect(document.body.textContent).toContain('The re-sync could not be started.')
    expect(document.body.textContent).toContain('Your account on this server is not allowed to do this.')
    w.unmount()
  })
})
