import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { $, click, settle, withProviders } from './helpers'
import { messages } from '../src/i18n'
import qen from '../src/locales/queue.en.json'

vi.mock('../wailsjs/go/app/Journal', () => ({ Query: vi.fn(), Export: vi.fn() }))
vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(async () => []), Refresh: vi.fn(), Connect: vi.fn(), SyncNow: vi.fn(), Remove: vi.fn() }))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ EventsOn: vi.fn(() => () => {}), BrowserOpenURL: vi.fn() }))

import { Export, Query } from '../wailsjs/go/app/Journal'
import JournalView from '../src/views/JournalView.vue'

const i18n = () => createI18n({ legacy: false, locale: 'en', fallbackLocale: 'en', messages: { en: { ...messages.en, ...qen } }, missingWarn: false, fallbackWarn: false })
const entry = (o: Record<string, unknown> = {}) => ({ time: '2024-05-01T10:00:00Z', osUser: 'jdoe', server: 's1', serverDomain: 'social.example', actor: 'mod1', target: 'troll@bad.example', action: 'account_action', params: '{"type":"silence","sendEmail":false}', result: 'done', errorKind: '', serverMessage: '', ...o })

let w: { unmount: () => void } | null = null
afterEach(() => w?.unmount())
async function mountView() {
  w = mount(withProviders(JournalView), { attachTo: document.body, global: { plugins: [createPinia(), i18n()], stubs: { transition: false } } })
  await flushPromises()
  await settle()
}
beforeEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  vi.mocked(Query).mockResolvedValue({ total: 1, entries: [entry({ target: '<img src=x onerror=window.__xss=1>' })] } as never)
})

describe('JournalView', () => {
  it('shows the entries with all columns, as text', async () => {
    await mountView()
    expect(vi.mocked(Query).mock.calls[0][0]).toMatchObject({ offset: 0, limit: 100, servers: [], since: '', until: '' })
    const table = $('[data-testid="journal-table"]')!
    expect(table.textContent).toContain('jdoe')
    expect(table.textContent).toContain('social.example')
    expect(table.textContent).toContain('mod1')
    expect(table.textContent).toContain('Account action')
    expect(table.textContent).toContain('type=silence')
    expect(table.textContent).toContain('Done')
    expect(table.textContent).toContain('<img src=x onerror=window.__xss=1>')
    expect(table.querySelector('img')).toBeNull()
    expect($('[data-testid="journal-summary"]')!.textContent).toBe('1 entry')
  })

  it('exports CSV and JSON and says where the file went', async () => {
    await mountView()
    vi.mocked(Export).mockResolvedValue('/home/jdoe/steward-journal.csv')
    click('[data-testid="journal-export-csv"]')
    await settle()
    expect(vi.mocked(Export).mock.calls[0][1]).toBe('csv')
    expect($('[data-testid="journal-export-result"]')!.textContent).toContain('Saved to /home/jdoe/steward-journal.csv')
    vi.mocked(Export).mockResolvedValue('/tmp/j.json')
    click('[data-testid="journal-export-json"]')
    await settle()
    expect(vi.mocked(Export).mock.calls[1][1]).toBe('json')
    expect($('[data-testid="journal-export-result"]')!.textContent).toContain('Saved to /tmp/j.json')
  })

  it('says nothing when the save dialog was cancelled, and translates failures', async () => {
    await mountView()
    vi.mocked(Export).mockResolvedValue('')
    click('[data-testid="journal-export-csv"]')
    await settle()
    expect($('[data-testid="journal-export-result"]')).toBeNull()
    expect($('[data-testid="journal-export-error"]')).toBeNull()
    vi.mocked(Export).mockRejectedValue({ kind: 'unavailable', detail: '', op: 'x' })
    click('[data-testid="journal-export-json"]')
    await settle()
    expect($('[data-testid="journal-export-error"]')!.textContent).toContain('The journal could not be exported. The server is unavailable right now.')
  })
})
