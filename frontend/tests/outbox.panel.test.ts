import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { $, click, settle, withProviders } from './helpers'
import { messages } from '../src/i18n'
import qen from '../src/locales/queue.en.json'

const bus = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...a: unknown[]) => void>>()
  return { handlers, emit(name: string, p?: unknown) { for (const cb of [...(handlers.get(name) ?? [])]) cb(p) } }
})
vi.mock('../wailsjs/go/app/Outbox', () => ({ List: vi.fn(), Retry: vi.fn(), Discard: vi.fn(), Overwrite: vi.fn(), RetryNow: vi.fn() }))
vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(async () => []), Refresh: vi.fn(), Connect: vi.fn(), SyncNow: vi.fn(), Remove: vi.fn() }))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!bus.handlers.has(name)) bus.handlers.set(name, new Set())
    bus.handlers.get(name)!.add(cb)
    return () => bus.handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { Discard, List, Overwrite, Retry, RetryNow } from '../wailsjs/go/app/Outbox'
import OutboxPanel from '../src/components/queue/OutboxPanel.vue'
import { useOutboxStore } from '../src/stores/outbox'

const av = (o: Record<string, unknown>) => ({ id: 'x', server: 's1', kind: 'resolve', reportId: '7', accountId: '', acct: 'troll@bad.example', state: 'pending', createdAt: '', updatedAt: '', attempts: 1, jobId: '', errorKind: '', errorDetail: '', serverMessage: '', conflictReason: '', conflictBy: '', conflictAt: '', actionType: '', sendEmail: false, ...o })
const i18n = () => createI18n({ legacy: false, locale: 'en', fallbackLocale: 'en', messages: { en: { ...messages.en, ...qen } }, missingWarn: false, fallbackWarn: false })

let w: { unmount: () => void } | null = null
afterEach(() => w?.unmount())
beforeEach(async () => {
  vi.clearAllMocks()
  bus.handlers.clear()
  document.body.innerHTML = ''
  vi.mocked(List).mockResolvedValue([
    av({ id: 'p1', state: 'pending' }),
    av({ id: 'f1', state: 'failed', errorKind: 'unavailable', errorDetail: 'timeout', serverMessage: '<b onmouseover=alert(1)>quota</b>', attempts: 3 }),
    av({ id: 'c1', state: 'conflict', conflictReason: 'resolved_by_other', conflictBy: 'mod2', conflictAt: '2024-05-01T10:00:00Z' }),
  ] as never)
  const pinia = createPinia()
  setActivePinia(pinia)
  const s = useOutboxStore()
  s.subscribe()
  await s.load()
  w = mount(withProviders(OutboxPanel, () => ({ show: true })), { attachTo: document.body, global: { plugins: [pinia, i18n()], stubs: { transition: false } } })
  await flushPromises()
  await settle()
})

describe('OutboxPanel', () => {
  it('lists waiting, failed and conflicted actions with the counts', () => {
    const s = useOutboxStore()
    expect(List).toHaveBeenCalledWith('', ['pending', 'applying', 'failed', 'conflict'], 500)
    expect(s.pendingCount).toBe(1)
    expect(s.attentionCount).toBe(2)
    expect($('[data-testid="outbox-panel"]')).not.toBeNull()
    expect($('[data-testid="outbox-item-f1"]')!.textContent).toContain('The server did not answer in time.')
    const msg = $('[data-testid="outbox-server-message-f1"]')!
    expect(msg.textContent).toContain('<b onmouseover=alert(1)>quota</b>') // as text
    expect(msg.querySelector('b')).toBeNull()
    expect($('[data-testid="outbox-conflict-c1"]')!.textContent).toContain('mod2 resolved this report on the server')
  })

  it('retries and discards a failed action', async () => {
    vi.mocked(Retry).mockResolvedValue(av({ id: 'f1', state: 'pending' }) as never)
    click('[data-testid="outbox-retry-f1"]')
    await settle()
    expect(Retry).toHaveBeenCalledWith('f1')
    expect(useOutboxStore().failedCount).toBe(0)
    vi.mocked(Discard).mockResolvedValue(av({ id: 'c1', state: 'discarded' }) as never)
    click('[data-testid="outbox-keep-c1"]')
    await settle()
    expect(Discard).toHaveBeenCalledWith('c1')
    expect($('[data-testid="outbox-item-c1"]')).toBeNull()
  })

  it('discards a failed action, overwrites a conflict, retries everything now', async () => {
    vi.mocked(Discard).mockResolvedValue(av({ id: 'f1', state: 'discarded' }) as never)
    click('[data-testid="outbox-discard-f1"]')
    await settle()
    expect(Discard).toHaveBeenCalledWith('f1')
    vi.mocked(Overwrite).mockResolvedValue(av({ id: 'c1', state: 'pending' }) as never)
    click('[data-testid="outbox-overwrite-c1"]')
    await settle()
    expect(Overwrite).toHaveBeenCalledWith('c1')
    vi.mocked(RetryNow).mockResolvedValue()
    click('[data-testid="outbox-retry-now"]')
    await settle()
    expect(RetryNow).toHaveBeenCalled()
  })

  it('follows outbox:changed and shows a translated failure of a call', async () => {
    bus.emit('outbox:changed', av({ id: 'p1', state: 'done' }))
    await settle()
    expect($('[data-testid="outbox-item-p1"]')).toBeNull()
    vi.mocked(Retry).mockRejectedValue({ kind: 'not_found', detail: '', op: 'x' })
    click('[data-testid="outbox-retry-f1"]')
    await settle()
    expect(document.body.textContent).toContain('That did not work. The requested item no longer exists.')
  })
})
