import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { server, settle, testI18n } from './helpers'

vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(), Refresh: vi.fn() }))
vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ EventsOn: vi.fn(() => () => {}), BrowserOpenURL: vi.fn() }))

import { List } from '../wailsjs/go/app/Servers'
import { Info } from '../wailsjs/go/app/About'
import App from '../src/App.vue'

type SV = Awaited<ReturnType<typeof List>>
type AI = Awaited<ReturnType<typeof Info>>

function info(demo: boolean) {
  return { version: '0.1.0', demo, os: 'linux', dataDir: '/tmp/x', language: 'en' } as AI
}

async function mountApp(locale: 'en' | 'de' | 'fr' = 'en') {
  const i18n = testI18n(locale)
  const w = mount(App, { attachTo: document.body, global: { plugins: [createPinia(), i18n], stubs: { transition: false } } })
  await flushPromises()
  await settle()
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

  it('has a main navigation: Servers is current, the next sections are disabled and say "coming next"', async () => {
    vi.mocked(Info).mockResolvedValue(info(false))
    const { w } = await mountApp()
    const nav = w.find('nav[data-testid="main-nav"]')
    expect(nav.exists()).toBe(true)
    expect(nav.attributes('aria-label')).toBe('Main navigation')
    const servers = nav.find('[data-testid="nav-servers"]')
    expect(servers.element.tagName).toBe('A')
    expect(servers.attributes('aria-current')).toBe('page')
    for (const key of ['moderation', 'journal']) {
      const item = nav.find(`[data-testid="nav-${key}"]`)
      expect(item.attributes('aria-disabled')).toBe('true')
      expect(item.attributes('tabindex')).toBe('0') // reachable by keyboard, explains itself
      expect(item.text()).toContain('coming next')
      expect(item.attributes('title')).toBe('This part of Steward is coming next; it is not available yet.')
    }
    expect(nav.text()).toContain('Moderation queue')
    expect(nav.text()).toContain('Journal')
    // Clicking a coming-next item does not replace the Servers screen with a fake one.
    await nav.find('[data-testid="nav-moderation"]').trigger('click')
    await flushPromises()
    expect(w.find('main [data-testid="servers-table"]').exists()).toBe(true)
    w.unmount()
  })

  it('translates the navigation', async () => {
    vi.mocked(Info).mockResolvedValue(info(false))
    const { w } = await mountApp('de')
    const nav = w.find('nav[data-testid="main-nav"]')
    expect(nav.attributes('aria-label')).toBe('Hauptnavigation')
    expect(nav.text()).toContain('Meldungseingang')
    expect(nav.text()).toContain('folgt als Nächstes')
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
