import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { server, settle, testI18n } from './helpers'

vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(), Refresh: vi.fn() }))
vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn(), Mark: vi.fn(async () => {}) }))
vi.mock('../wailsjs/go/app/Queue', () => ({
  Query: vi.fn(async () => ({ total: 0, reports: 0, offset: 0, rows: [], facets: { server: [], category: [], status: [], assigned: [], reporterOrigin: [], targetOrigin: [] } })),
  Report: vi.fn(),
}))
vi.mock('../wailsjs/go/app/Outbox', () => ({ List: vi.fn(async () => []), RetryNow: vi.fn() }))
vi.mock('../wailsjs/go/app/Journal', () => ({ Query: vi.fn(async () => ({ total: 0, entries: [] })), Export: vi.fn() }))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ EventsOn: vi.fn(() => () => {}), BrowserOpenURL: vi.fn() }))

import { List } from '../wailsjs/go/app/Servers'
import { Info } from '../wailsjs/go/app/About'
import App from '../src/App.vue'

type SV = Awaited<ReturnType<typeof List>>
type AI = Awaited<ReturnType<typeof Info>>

function info(demo: boolean) {
  return { version: '0.1.0', demo, os: 'linux', dataDir: '/tmp/x', language: 'en' } as AI
}

async function mountApp(locale: 'en' | 'de' | 'fr' = 'en', section: 'moderation' | 'servers' | 'journal' = 'servers') {
  const i18n = testI18n(locale)
  const w = mount(App, { attachTo: document.body, global: { plugins: [createPinia(), i18n], stubs: { transition: false } } })
  await flushPromises()
  await settle()
  if (section !== 'moderation') {
    await w.find(`[data-testid="nav-${section}"]`).trigger('click')
    await flushPromises()
    await settle()
  }
  return { w, i18n }
}

beforeEach(() => {
  vi.mocked(List).mockReset().mockResolvedValue([server({ id: 'a' })] as SV)
  vi.mocked(Info).mockReset()
  document.body.innerHTML = ''
  localStorage.clear()
})

describe('App', () => {
  it('shows the demo banner as a status when demo is true', async () => {
    vi.mocked(Info).mockResolvedValue(info(true))
    const { w } = await mountApp()
    const banner = w.find('[data-testid="demo-banner"]')
    expect(banner.exists()).toBe(true)
    expect(banner.attributes('role')).toBe('status')
    expect(banner.text()).toContain(
      'Demo mode — you are looking at two simulated servers; nothing you do here touches a real server.',
    )
    w.unmount()
  })

  it('has no demo banner when demo is false', async () => {
    vi.mocked(Info).mockResolvedValue(info(false))
    const { w } = await mountApp()
    expect(w.find('[data-testid="demo-banner"]').exists()).toBe(false)
    w.unmount()
  })

  it('has no demo banner when Info fails', async () => {
    vi.mocked(Info).mockRejectedValue({ kind: 'internal', detail: '', op: 'about.Info' })
    const { w } = await mountApp()
    expect(w.find('[data-testid="demo-banner"]').exists()).toBe(false)
    expect(w.find('[data-testid="server-row-a"]').exists()).toBe(true)
    w.unmount()
  })

  it('has header and main landmarks and the product name', async () => {
    vi.mocked(Info).mockResolvedValue(info(false))
    const { w } = await mountApp()
    expect(w.find('header').exists()).toBe(true)
    expect(w.find('main').exists()).toBe(true)
    expect(w.find('header h1').text()).toBe('Steward')
    expect(w.find('main [data-testid="servers-table"]').exists()).toBe(true)
    w.unmount()
  })

  it('opens on the moderation queue and navigates between the three screens', async () => {
    vi.mocked(Info).mockResolvedValue(info(false))
    const { w } = await mountApp('en', 'moderation')
    const nav = w.find('nav[data-testid="main-nav"]')
    expect(nav.exists()).toBe(true)
    expect(nav.attributes('aria-label')).toBe('Main navigation')
    expect(w.find('main [data-testid="queue-view"]').exists()).toBe(true)
    expect(nav.find('[data-testid="nav-moderation"]').attributes('aria-current')).toBe('page')
    expect(nav.text()).not.toContain('coming next')
    for (const [key, view] of [
      ['servers', 'servers-table'],
      ['journal', 'journal-view'],
      ['moderation', 'queue-view'],
    ]) {
      await nav.find(`[data-testid="nav-${key}"]`).trigger('click')
      await flushPromises()
      await settle()
      expect(w.find(`main [data-testid="${view}"]`).exists()).toBe(true)
      expect(nav.find(`[data-testid="nav-${key}"]`).attributes('aria-current')).toBe('page')
    }
    w.unmount()
  })

  it('translates the navigation', async () => {
    vi.mocked(Info).mockResolvedValue(info(false))
    const { w } = await mountApp('de')
    const nav = w.find('nav[data-testid="main-nav"]')
    expect(nav.attributes('aria-label')).toBe('Hauptnavigation')
    expect(nav.text()).toContain('Meldungseingang')
    expect(nav.text()).toContain('Protokoll')
    w.unmount()
  })

  it('switches the language from the header', async () => {
    vi.mocked(Info).mockResolvedValue(info(true))
    const { w, i18n } = await mountApp('en')
    expect(w.find('[data-testid="refresh-servers"]').text()).toBe('Refresh')
    const de = w.find('[data-testid="lang-de"] input')
    expect(de.exists()).toBe(true)
    await de.setValue(true)
    await de.trigger('change')
    await flushPromises()
    expect(i18n.global.locale.value).toBe('de')
    expect(w.find('[data-testid="refresh-servers"]').text()).toBe('Aktualisieren')
    expect(w.find('[data-testid="demo-banner"]').text()).toContain('Demo-Modus')
    expect(document.documentElement.lang).toBe('de')
    expect(localStorage.getItem('steward.locale')).toBe('de')

    await w.find('[data-testid="lang-fr"] input').trigger('change')
    await flushPromises()
    expect(w.find('[data-testid="refresh-servers"]').text()).toBe('Actualiser')
    w.unmount()
  })
})

describe('App start-up error', () => {
  it('says when Steward runs on a temporary state', async () => {
    vi.mocked(Info).mockResolvedValue({ ...info(false), startupErrorKind: 'unavailable', startupErrorDetail: '' } as AI)
    const { w } = await mountApp()
    const banner = w.find('[data-testid="startup-error"]')
    expect(banner.exists()).toBe(true)
    expect(banner.text()).toContain('nothing you do now is kept')
    w.unmount()
  })
})
