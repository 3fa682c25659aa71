import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { deferred, job } from './helpers'

const bus = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...a: unknown[]) => void>>()
  return {
    handlers,
    emit(name: string, payload?: unknown) {
      for (const cb of [...(handlers.get(name) ?? [])]) cb(payload)
    },
    count(name: string) {
      return handlers.get(name)?.size ?? 0
    },
  }
})

vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!bus.handlers.has(name)) bus.handlers.set(name, new Set())
    bus.handlers.get(name)!.add(cb)
    return () => bus.handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { Cancel, Get } from '../wailsjs/go/app/Jobs'
import { EventsOn } from '../wailsjs/runtime/runtime'
import { isFinal, useJobsStore } from '../src/stores/jobs'

const get = vi.mocked(Get)
const cancel = vi.mocked(Cancel)
type JV = Awaited<ReturnType<typeof Get>>

const flush = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => {
  setActivePinia(createPinia())
  bus.handlers.clear()
  get.mockReset()
  cancel.mockReset()
  vi.mocked(EventsOn).mockClear()
})

describe('jobs store', () => {
  it('subscribes to job:progress:<id> before reading the job once', async () => {
    get.mockResolvedValue(job({ id: 'j1', step: 'discovering' }) as JV)
    const s = useJobsStore()
    void s.track('j1')
    expect(EventsOn).toHaveBeenCalledWith('job:progress:j1', expect.any(Function))
    expect(vi.mocked(EventsOn).mock.invocationCallOrder[0]).toBeLessThan(get.mock.invocationCallOrder[0])
    expect(get).toHaveBeenCalledTimes(1)
    expect(get).toHaveBeenCalledWith('j1')
    await flush()
    expect(s.get('j1')?.step).toBe('discovering')
  })

  it('applies progress events as they arrive', async () => {
    get.mockResolvedValue(job({ id: 'j1', step: 'discovering' }) as JV)
    const s = useJobsStore()
    void s.track('j1')
    await flush()
    bus.emit('job:progress:j1', job({ id: 'j1', step: 'waiting_for_browser' }))
    expect(s.get('j1')?.step).toBe('waiting_for_browser')
    bus.emit('job:progress:j1', job({ id: 'j1', step: 'syncing', done: 2, total: 5 }))
    expect(s.jobs.j1).toMatchObject({ step: 'syncing', done: 2, total: 5, state: 'running' })
  })

  it('resolves wait() with the final state and unsubscribes', async () => {
    get.mockResolvedValue(job({ id: 'j1' }) as JV)
    const s = useJobsStore()
    const final = s.wait('j1')
    await flush()
    expect(bus.count('job:progress:j1')).toBe(1)
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'done', result: 'srv-1' }))
    await expect(final).resolves.toMatchObject({ state: 'done', result: 'srv-1' })
    expect(bus.count('job:progress:j1')).toBe(0)
    expect(s.listening()).toBe(0)
    // Later events (there should be none) change nothing.
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'running', step: 'exchanging' }))
    expect(s.get('j1')?.state).toBe('done')
  })

  it('handles the race where the final event fired before subscribing: Get() finds it', async () => {
    get.mockResolvedValue(job({ id: 'fast', state: 'failed', errorKind: 'forbidden', errorDetail: 'not_staff' }) as JV)
    const s = useJobsStore()
    const final = await s.wait('fast')
    expect(final).toMatchObject({ state: 'failed', errorKind: 'forbidden', errorDetail: 'not_staff' })
    expect(bus.count('job:progress:fast')).toBe(0)
  })

  it('ignores a Get() snapshot that is older than an event received meanwhile', async () => {
    const d = deferred<JV>()
    get.mockReturnValue(d.promise)
    const s = useJobsStore()
    void s.track('j1')
    bus.emit('job:progress:j1', job({ id: 'j1', step: 'exchanging' }))
    d.resolve(job({ id: 'j1', step: 'discovering' }) as JV)
    await flush()
    expect(s.get('j1')?.step).toBe('exchanging')
  })

  it('never replaces a final state with a later running snapshot', async () => {
    const d = deferred<JV>()
    get.mockReturnValue(d.promise)
    const s = useJobsStore()
    const final = s.wait('j1')
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'cancelled' }))
    d.resolve(job({ id: 'j1', state: 'running', step: 'discovering' }) as JV)
    await flush()
    await expect(final).resolves.toMatchObject({ state: 'cancelled' })
    expect(s.get('j1')?.state).toBe('cancelled')
  })

  it('ignores payloads for another job or without the JobView shape', async () => {
    get.mockResolvedValue(job({ id: 'j1', step: 'discovering' }) as JV)
    const s = useJobsStore()
    void s.track('j1')
    await flush()
    bus.emit('job:progress:j1', job({ id: 'other', state: 'done' }))
    bus.emit('job:progress:j1', 'garbage')
    bus.emit('job:progress:j1', null)
    expect(s.get('j1')).toMatchObject({ state: 'running', step: 'discovering' })
  })

  it('ends the job as failed when Get() fails and no event came (it would never end otherwise)', async () => {
    get.mockRejectedValue({ kind: 'not_found', detail: '', op: 'app: get job' })
    const s = useJobsStore()
    const final = await s.wait('gone')
    expect(final).toMatchObject({ state: 'failed', errorKind: 'not_found', errorDetail: '' })
    expect(bus.count('job:progress:gone')).toBe(0)
  })

  it('tracks a job once even when asked twice; both waiters get the result', async () => {
    get.mockResolvedValue(job({ id: 'j1' }) as JV)
    const s = useJobsStore()
    const a = s.track('j1')
    const b = s.wait('j1')
    expect(EventsOn).toHaveBeenCalledTimes(1)
    expect(get).toHaveBeenCalledTimes(1)
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'done' }))
    await expect(a).resolves.toMatchObject({ state: 'done' })
    await expect(b).resolves.toMatchObject({ state: 'done' })
    // A finished job resolves at once without subscribing again.
    await expect(s.wait('j1')).resolves.toMatchObject({ state: 'done' })
    expect(EventsOn).toHaveBeenCalledTimes(1)
  })

  it('cancel calls Jobs.Cancel; the cancelled state arrives as an event', async () => {
    get.mockResolvedValue(job({ id: 'j1', step: 'waiting_for_browser' }) as JV)
    cancel.mockResolvedValue(undefined)
    const s = useJobsStore()
    const final = s.wait('j1')
    await s.cancel('j1')
    expect(cancel).toHaveBeenCalledWith('j1')
    bus.emit('job:progress:j1', job({ id: 'j1', state: 'cancelled', step: 'waiting_for_browser' }))
    await expect(final).resolves.toMatchObject({ state: 'cancelled' })
  })

  it('cancel throws a normalized error', async () => {
    cancel.mockRejectedValue({ kind: 'not_found', detail: '', op: 'jobs: cancel' })
    const s = useJobsStore()
    await expect(s.cancel('nope')).rejects.toEqual({ kind: 'not_found', detail: '' })
  })

  it('forget unsubscribes and drops the job', async () => {
    get.mockResolvedValue(job({ id: 'j1' }) as JV)
    const s = useJobsStore()
    void s.track('j1')
    await flush()
    s.forget('j1')
    expect(bus.count('job:progress:j1')).toBe(0)
    expect(s.get('j1')).toBeUndefined()
  })

  it('works without a Wails runtime (Get only)', async () => {
    vi.mocked(EventsOn).mockImplementationOnce(() => {
      throw new TypeError('no runtime')
    })
    get.mockResolvedValue(job({ id: 'j1', state: 'done' }) as JV)
    const s = useJobsStore()
    await expect(s.wait('j1')).resolves.toMatchObject({ state: 'done' })
  })

  it('isFinal knows the final states', () => {
    expect(['done', 'failed', 'cancelled'].every((state) => isFinal({ state }))).toBe(true)
    expect(isFinal({ state: 'running' })).toBe(false)
    expect(isFinal(undefined)).toBe(false)
  })
})
