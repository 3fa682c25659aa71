import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { settle } from './helpers'

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
  UpdateReport: vi.fn(), AccountAction: vi.fn(), DescribeAccountAction: vi.fn(), ResolveMany: vi.fn(), Rules: vi.fn(),
}))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!bus.handlers.has(name)) bus.handlers.set(name, new Set())
    bus.handlers.get(name)!.add(cb)
    return () => bus.handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { AccountAction, Query, Report, Resolve, Rules } from '../wailsjs/go/app/Queue'
import { PAGE_SIZE, useQueueStore } from '../src/stores/queue'

type QP = Awaited<ReturnType<typeof Query>>
const TOTAL = 100_000

function row(i: number) {
  return {
    server: 's1', reportId: String(i), targetAccountId: `a${i}`, targetAcct: `user${i}@x.example`, reporterAcct: 'r',
    category: 'spam', comment: `c${i}`, createdAt: new Date().toISOString(), resolved: false, assignedToMe: false,
    assigned: false, count: 1, openAgainstTarget: 1, reportIds: [],
  }
}
function fakeQuery(total = TOTAL) {
  vi.mocked(Query).mockImplementation(async (q) => {
    const rows = []
    for (let i = q.offset; i < Math.min(total, q.offset + q.limit); i++) rows.push(row(i))
    return { total, reports: total, offset: q.offset, rows, facets: { server: [], category: [], status: [], assigned: [], reporterOrigin: [], targetOrigin: [] } } as unknown as QP
  })
}

beforeEach(() => {
  setActivePinia(createPinia())
  bus.handlers.clear()
  vi.mocked(Query).mockReset()
  vi.mocked(Report).mockReset().mockResolvedValue({ server: 's1', id: '0' } as never)
  fakeQuery()
})

describe('queue store', () => {
  it('fetches the first window, then windows by offset as the user scrolls, keeping only what is needed', async () => {
    const s = useQueueStore()
    await s.query()
    expect(Query).toHaveBeenCalledTimes(1)
    expect(vi.mocked(Query).mock.calls[0][0]).toMatchObject({ offset: 0, limit: PAGE_SIZE, status: 'open', sort: 'newest' })
    expect(s.total).toBe(TOTAL)
    expect(s.rowAt(0)?.reportId).toBe('0')
    expect(s.rowAt(PAGE_SIZE)).toBeUndefined()

    await s.ensureRange(50_000, 50_010)
    const offsets = vi.mocked(Query).mock.calls.map((c) => c[0].offset)
    expect(offsets).toContain(50_000)
    expect(s.rowAt(50_005)?.reportId).toBe('50005')
    // Far-away windows are dropped (the selected one, page 0, stays).
    await s.ensureRange(90_000, 90_010)
    expect(s.rowAt(50_005)).toBeUndefined()
    expect(s.rowAt(0)).toBeDefined()
    expect(s.pages.size).toBeLessThanOrEqual(3)
  })

  it('passes the filters to the query and starts from the top', async () => {
    const s = useQueueStore()
    await s.query()
    await s.setFilters({ categories: ['legal'], text: ' hate ', grouped: true, sort: 'group_size', olderThanHours: 24 })
    const last = vi.mocked(Query).mock.calls.at(-1)![0]
    expect(last).toMatchObject({ categories: ['legal'], text: 'hate', grouped: true, sort: 'group_size', olderThanHours: 24, offset: 0 })
  })

  it('re-queries the loaded windows on queue:changed', async () => {
    const s = useQueueStore()
    s.subscribe()
    await s.query()
    await s.ensureRange(400, 410)
    vi.mocked(Query).mockClear()
    bus.emit('queue:changed')
    await settle()
    const offsets = vi.mocked(Query).mock.calls.map((c) => c[0].offset).sort((a, b) => a - b)
    expect(offsets).toEqual([0, 400])
  })

  it('moves the selection and opens the report', async () => {
    const s = useQueueStore()
    await s.query()
    expect(s.selectedIndex).toBe(0)
    s.move(1)
    s.move(1)
    await settle()
    expect(s.selectedIndex).toBe(2)
    expect(s.selectedKey).toBe('s1/2')
    expect(Report).toHaveBeenLastCalledWith('s1', '2')
    s.move(-5)
    expect(s.selectedIndex).toBe(0)
  })

  it('shows an action as pending at once, then done or failed from outbox:changed', async () => {
    const s = useQueueStore()
    s.subscribe()
    let release!: (v: unknown) => void
    vi.mocked(Resolve).mockReturnValue(new Promise((r) => (release = r)) as never)
    const p = s.resolve('s1', '7')
    expect(s.actionFor('s1', '7')?.state).toBe('pending')
    release({ id: 'act1', server: 's1', reportId: '7', kind: 'resolve', state: 'pending' })
    await p
    expect(s.actionFor('s1', '7')).toMatchObject({ id: 'act1', state: 'pending' })
    bus.emit('outbox:changed', { id: 'act1', server: 's1', reportId: '7', kind: 'resolve', state: 'applying' })
    expect(s.actionFor('s1', '7')?.state).toBe('applying')
    bus.emit('outbox:changed', { id: 'other', server: 's1', reportId: '7', kind: 'resolve', state: 'failed' })
    expect(s.actionFor('s1', '7')?.state).toBe('applying') // another action's event
    bus.emit('outbox:changed', { id: 'act1', server: 's1', reportId: '7', kind: 'resolve', state: 'failed', serverMessage: 'nope' })
    expect(s.actionFor('s1', '7')).toMatchObject({ state: 'failed', serverMessage: 'nope' })
  })

  it('keeps the queue-specific error detail (unsupported_by_server)', async () => {
    const s = useQueueStore()
    vi.mocked(Resolve).mockRejectedValue({ kind: 'invalid', detail: 'unsupported_by_server', op: 'x' })
    const err = await s.resolve('s1', '1')
    expect(err).toMatchObject({ kind: 'invalid', queueDetail: 'unsupported_by_server' })
    expect(s.actionFor('s1', '1')?.state).toBe('refused')
  })

  it('sends send_email false unless it was chosen', async () => {
    const s = useQueueStore()
    vi.mocked(AccountAction).mockResolvedValue({ id: 'a', server: 's1', reportId: '1', kind: 'account_action', state: 'pending' } as never)
    await s.accountAction('s1', { accountId: 'x', type: 'silence', reportId: '1', text: '', warningPresetId: '', sendEmail: undefined as unknown as boolean })
    expect(vi.mocked(AccountAction).mock.calls[0][1].sendEmail).toBe(false)
  })

  it('batches new reports: one badge count per event, one refresh', async () => {
    const s = useQueueStore()
    s.subscribe()
    await s.query()
    vi.mocked(Query).mockClear()
    bus.emit('reports:new', 5)
    await settle()
    expect(s.newReports).toBe(5)
    expect(Query).toHaveBeenCalledTimes(1)
    bus.emit('reports:new', 2)
    await settle()
    expect(s.newReports).toBe(7)
    s.acknowledgeNew()
    expect(s.newReports).toBe(0)
  })
})

describe('queue rules filter', () => {
  it('loads a server\'s rules once and filters by a violated rule', async () => {
    vi.mocked(Rules).mockReset().mockResolvedValue([{ id: '2', text: 'No spam' }] as never)
    const s = useQueueStore()
    expect(await s.loadRules('s1')).toEqual([{ id: '2', text: 'No spam' }])
    await s.loadRules('s1')
    expect(Rules).toHaveBeenCalledTimes(1)
    await s.setFilters({ servers: ['s1'], ruleId: '2' })
    await settle()
    const last = vi.mocked(Query).mock.calls.at(-1)![0]
    expect(last.servers).toEqual(['s1'])
    expect(last.ruleId).toBe('2')
  })

  it('treats a failing rules lookup as no rules', async () => {
    vi.mocked(Rules).mockReset().mockRejectedValue({ kind: 'internal' })
    const s = useQueueStore()
    expect(await s.loadRules('s2')).toEqual([])
  })
})
