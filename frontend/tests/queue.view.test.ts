import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { $, click, settle, withProviders } from './helpers'
import { messages } from '../src/i18n'
import qen from '../src/locales/queue.en.json'

const bus = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...a: unknown[]) => void>>()
  return {
    handlers,
    emit(name: string, payload?: unknown) {
      for (const cb of [...(handlers.get(name) ?? [])]) cb(payload)
    },
  }
})
vi.mock('../wailsjs/go/app/Queue', () => ({
  Query: vi.fn(), Report: vi.fn(), Assign: vi.fn(), Unassign: vi.fn(), Resolve: vi.fn(), Reopen: vi.fn(),
  UpdateReport: vi.fn(), AccountAction: vi.fn(), DescribeAccountAction: vi.fn(), ResolveMany: vi.fn(),
}))
vi.mock('../wailsjs/go/app/Outbox', () => ({ List: vi.fn(async () => []), Retry: vi.fn(), Discard: vi.fn(), Overwrite: vi.fn(), RetryNow: vi.fn() }))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(async () => []), Refresh: vi.fn(), Connect: vi.fn(), SyncNow: vi.fn(), Remove: vi.fn() }))
vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!bus.handlers.has(name)) bus.handlers.set(name, new Set())
    bus.handlers.get(name)!.add(cb)
    return () => bus.handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { Query, Report, Resolve, ResolveMany, Assign } from '../wailsjs/go/app/Queue'
import { Cancel, Get } from '../wailsjs/go/app/Jobs'
import QueueView from '../src/views/QueueView.vue'

function i18n() {
  return createI18n({ legacy: false, locale: 'en', fallbackLocale: 'en', messages: { en: { ...messages.en, ...qen } }, missingWarn: false, fallbackWarn: false })
}
const TOTAL = 2000
function row(i: number) {
  return {
    server: 's1', reportId: String(i), targetAccountId: `a${i}`, targetAcct: `user${i}@x.example`, reporterAcct: 'rep',
    category: i % 2 ? 'spam' : 'legal', comment: `comment ${i}`, createdAt: new Date(Date.now() - i * 60_000).toISOString(),
    resolved: false, assignedToMe: false, assigned: false, count: 1, openAgainstTarget: 1, reportIds: [],
  }
}
const caps = (unsupported: string[] = []) =>
  ['report_assign', 'report_reopen', 'report_update', 'account_action_none', 'account_action_sensitive', 'account_action_disable', 'account_action_silence', 'account_action_suspend'].map((key) => ({ key, supported: !unsupported.includes(key) }))
function report(id: string, unsupported: string[] = []) {
  return {
    server: 's1', id, category: 'spam', comment: 'c', forwarded: false, createdAt: new Date().toISOString(), resolved: false,
    resolvedAt: '', resolvedBy: '', assignedTo: '',
    reporter: { id: 'r', acct: 'rep', domain: '', local: true, displayName: 'R', note: '', avatar: '', url: '', createdAt: '', followers: 0, statuses: 0, silenced: false, suspended: false, sensitized: false, disabled: false },
    target: { id: `a${id}`, acct: `user${id}@x.example`, domain: 'x.example', local: false, displayName: 'T', note: '', avatar: '', url: '', createdAt: '', followers: 1, statuses: 2, silenced: false, suspended: false, sensitized: false, disabled: false },
    statuses: [], rules: [], webAdminUrl: '', openAgainstTarget: 1, related: [], capabilities: caps(unsupported),
  }
}

let current: { unmount: () => void } | null = null
afterEach(() => {
  current?.unmount()
  current = null
})
async function mountView() {
  const w = mount(withProviders(QueueView), { attachTo: document.body, global: { plugins: [createPinia(), i18n()], stubs: { transition: false } } })
  await flushPromises()
  await settle()
  current = w
  return { unmount: () => {} }
}
function key(k: string, opts: KeyboardEventInit = {}) {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: k, cancelable: true, ...opts }))
}

beforeEach(() => {
  vi.clearAllMocks()
  setActivePinia(createPinia())
  bus.handlers.clear()
  document.body.innerHTML = ''
  vi.mocked(Query).mockReset().mockImplementation(async (q) => {
    const rows = []
    for (let i = q.offset; i < Math.min(TOTAL, q.offset + q.limit); i++) rows.push(row(i))
    return { total: TOTAL, reports: TOTAL, offset: q.offset, rows, facets: { server: [], category: [{ value: 'spam', count: 1000 }], status: [], assigned: [], reporterOrigin: [], targetOrigin: [] } } as never
  })
  vi.mocked(Report).mockReset().mockImplementation(async (_s, id) => report(id) as never)
})

describe('QueueView', () => {
  it('renders a virtualized listbox with only a window of rows, the first one selected', async () => {
    const w = await mountView()
    const list = $('[data-testid="queue-list"]')!
    expect(list.getAttribute('role')).toBe('listbox')
    const options = list.querySelectorAll('[role="option"]')
    expect(options.length).toBeGreaterThan(3)
    expect(options.length).toBeLessThan(60)
    const first = $('[data-testid="queue-row-s1-0"]')!
    expect(first.getAttribute('aria-selected')).toBe('true')
    expect(list.getAttribute('aria-activedescendant')).toBe(first.id)
    expect(first.textContent).toContain('user0@x.example')
    expect(first.textContent).toContain('comment 0')
    expect($('[data-testid="queue-summary"]')!.textContent).toContain('2000 reports')
    expect($('[data-testid="queue-filters"]')!.textContent).toContain('Spam (1000)')
    w.unmount()
  })

  it('j/k move the selection; the pane follows', async () => {
    const w = await mountView()
    key('j')
    key('j')
    await settle()
    expect($('[data-testid="queue-row-s1-2"]')!.getAttribute('aria-selected')).toBe('true')
    expect($('[data-testid="queue-row-s1-0"]')!.getAttribute('aria-selected')).toBe('false')
    expect($('[data-testid="pane-target-acct"]')!.textContent).toBe('user2@x.example')
    key('k')
    await settle()
    expect($('[data-testid="queue-row-s1-1"]')!.getAttribute('aria-selected')).toBe('true')
    w.unmount()
  })

  it('keys do not fire while typing in the search box; / focuses it', async () => {
    const w = await mountView()
    key('/')
    await settle()
    const search = $('[data-testid="queue-search"]') as HTMLInputElement
    expect(document.activeElement).toBe(search)
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }))
    await settle()
    expect($('[data-testid="queue-row-s1-0"]')!.getAttribute('aria-selected')).toBe('true')
    w.unmount()
  })

  it('? opens the keyboard help, x the account action dialog, r resolves', async () => {
    vi.mocked(Resolve).mockResolvedValue({ id: 'a1', server: 's1', reportId: '0', kind: 'resolve', state: 'pending' } as never)
    const w = await mountView()
    key('?')
    await settle()
    expect($('[data-testid="keyboard-help"]')!.textContent).toContain('Resolve the whole group')
    key('Escape')
    // The modal leaves with a transition.
    await vi.waitFor(() => expect($('[data-testid="keyboard-help"]')).toBeNull(), { timeout: 2000 })
    key('x')
    await settle()
    expect($('[data-testid="account-action-dialog"]')).not.toBeNull()
    key('Escape')
    await vi.waitFor(() => expect($('[data-testid="account-action-dialog"]')).toBeNull(), { timeout: 2000 })
    key('r')
    await settle()
    expect(Resolve).toHaveBeenCalledWith('s1', '0', '')
    expect($('[data-testid="pane-action-status"]')!.textContent).toContain('Resolve: waiting to be sent')
    bus.emit('outbox:changed', { id: 'a1', server: 's1', reportId: '0', kind: 'resolve', state: 'done' })
    await settle()
    expect($('[data-testid="pane-action-status"]')!.textContent).toContain('Resolve: done')
    expect($('[data-testid="queue-row-s1-0"] [data-testid="row-action-status"]')!.textContent).toContain('Resolve: done')
    w.unmount()
  })

  it('sends the optional resolution note with the resolve, then clears it', async () => {
    vi.mocked(Resolve).mockResolvedValue({ id: 'a2', server: 's1', reportId: '0', kind: 'resolve', state: 'pending' } as never)
    const w = await mountView()
    const note = $('[data-testid="resolution-note"]') as HTMLInputElement
    expect(note).not.toBeNull()
    note.value = 'Spam wave, account suspended upstream'
    note.dispatchEvent(new Event('input'))
    await settle()
    note.blur()
    ;($('[data-testid="queue-list"]') as HTMLElement).focus()
    key('r')
    await settle()
    expect(Resolve).toHaveBeenCalledWith('s1', '0', 'Spam wave, account suspended upstream')
    await settle()
    expect(($('[data-testid="resolution-note"]') as HTMLInputElement | null)?.value ?? '').toBe('')
    w.unmount()
  })

  it('an unsupported action is disabled with the reason, and its key does nothing', async () => {
    vi.mocked(Report).mockImplementation(async (_s, id) => report(id, ['report_assign']) as never)
    const w = await mountView()
    const btn = $('[data-testid="action-assign"]') as HTMLButtonElement
    expect(btn.disabled).toBe(true)
    expect($('[data-testid="action-assign-wrap"]')!.getAttribute('title')).toBe('This server does not support that action.')
    expect($('[data-testid="action-assign-reason"]')!.textContent).toBe('This server does not support that action.')
    expect(btn.getAttribute('aria-describedby')).toBe($('[data-testid="action-assign-reason"]')!.id)
    expect(($('[data-testid="action-resolve"]') as HTMLButtonElement).disabled).toBe(false)
    key('a')
    await settle()
    expect(Assign).not.toHaveBeenCalled()
    w.unmount()
  })

  it('Space selects for bulk; Resolve selected runs a job with progress and Cancel', async () => {
    vi.mocked(ResolveMany).mockResolvedValue('job1')
    vi.mocked(Get).mockResolvedValue({ id: 'job1', kind: 'bulk', state: 'running', done: 0, total: 2, step: '', errorKind: '', errorDetail: '', result: '' })
    vi.mocked(Cancel).mockResolvedValue()
    const w = await mountView()
    key(' ')
    key('j')
    key(' ')
    await settle()
    expect($('[data-testid="bulk-count"]')!.textContent).toContain('2 reports selected')
    click('[data-testid="bulk-resolve"]')
    await settle()
    expect(ResolveMany).toHaveBeenCalledWith([{ server: 's1', reportId: '0' }, { server: 's1', reportId: '1' }], '')
    bus.emit('job:progress:job1', { id: 'job1', kind: 'bulk', state: 'running', done: 1, total: 2, step: '' })
    await settle()
    const bar = $('[data-testid="bulk-progress"]')!
    expect(bar.getAttribute('role')).toBe('progressbar')
    expect(bar.getAttribute('aria-valuenow')).toBe('1')
    expect(bar.textContent).toContain('Resolving… 1 of 2')
    click('[data-testid="bulk-cancel"]')
    await settle()
    expect(Cancel).toHaveBeenCalledWith('job1')
    bus.emit('job:progress:job1', { id: 'job1', kind: 'bulk', state: 'cancelled', done: 1, total: 2, step: '' })
    await settle()
    expect($('[data-testid="bulk-progress"]')!.textContent).toContain('Cancelled after 1 of 2.')
    expect($('[data-testid="bulk-cancel"]')).toBeNull()
    w.unmount()
  })

  it('select all in this filter is capped at 1000', async () => {
    const w = await mountView()
    key(' ')
    await settle()
    click('[data-testid="bulk-select-all"]')
    await settle()
    expect(vi.mocked(Query).mock.calls.at(-1)![0]).toMatchObject({ offset: 0, limit: 1000 })
    expect($('[data-testid="bulk-count"]')!.textContent).toContain('1000 reports selected')
    expect($('[data-testid="bulk-bar"]')!.textContent).toContain('Only the first 1000 reports were selected.')
    w.unmount()
  })

  it('reports:new shows one batched badge and re-queries', async () => {
    const w = await mountView()
    vi.mocked(Query).mockClear()
    bus.emit('reports:new', 12)
    await settle()
    expect($('[data-testid="new-reports-badge"]')!.textContent).toBe('12 new reports')
    expect(Query).toHaveBeenCalledTimes(1)
    click('[data-testid="queue-refresh"]')
    await settle()
    expect($('[data-testid="new-reports-badge"]')).toBeNull()
    w.unmount()
  })

  it('a group expands to its members', async () => {
    vi.mocked(Query).mockImplementation(async (q) => ({
      total: 1, reports: 3, offset: q.offset,
      rows: [{ ...row(0), count: 3, reportIds: ['10', '11', '12'] }],
      facets: { server: [], category: [], status: [], assigned: [], reporterOrigin: [], targetOrigin: [] },
    }) as never)
    const w = await mountView()
    const toggle = $('[data-testid="queue-group-s1-0"]')!
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    toggle.click()
    await settle()
    expect($('[data-testid="queue-member-s1-11"]')).not.toBeNull()
    click('[data-testid="queue-member-s1-11"]')
    await settle()
    expect(Report).toHaveBeenLastCalledWith('s1', '11')
    w.unmount()
  })
})
