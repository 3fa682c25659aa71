import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { deferred, job, server } from './helpers'

const handlers = new Map<string, Set<(...a: unknown[]) => void>>()

vi.mock('../wailsjs/go/app/Servers', () => ({
  List: vi.fn(),
  Refresh: vi.fn(),
  Connect: vi.fn(),
  SyncNow: vi.fn(),
  Remove: vi.fn(),
}))
vi.mock('../wailsjs/go/app/Jobs', () => ({ Get: vi.fn(), Cancel: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!handlers.has(name)) handlers.set(name, new Set())
    handlers.get(name)!.add(cb)
    return () => handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { Connect, List, Refresh, Remove, SyncNow } from '../wailsjs/go/app/Servers'
import { Get } from '../wailsjs/go/app/Jobs'
import { EventsOn } from '../wailsjs/runtime/runtime'
import { jobError, toConnectRequest, useServersStore } from '../src/stores/servers'
import { useJobsStore } from '../src/stores/jobs'

const list = vi.mocked(List)
const refresh = vi.mocked(Refresh)
const eventsOn = vi.mocked(EventsOn)

function emit(name: string, payload?: unknown) {
  for (const cb of [...(handlers.get(name) ?? [])]) cb(payload)
}

type SV = Awaited<ReturnType<typeof List>>

beforeEach(() => {
  setActivePinia(createPinia())
  handlers.clear()
  list.mockReset()
  refresh.mockReset()
  eventsOn.mockClear()
  vi.mocked(Connect).mockReset()
  vi.mocked(SyncNow).mockReset()
  vi.mocked(Remove).mockReset()
  vi.mocked(Get).mockReset()
})

describe('servers store', () => {
  it('starts empty', () => {
    const s = useServersStore()
    expect(s.servers).toEqual([])
    expect(s.loading).toBe(false)
    expect(s.error).toBeNull()
    expect(s.lastLoaded).toBeNull()
  })

  it('loads the list', async () => {
    list.mockResolvedValue([server({ id: 'a' }), server({ id: 'b', name: 'B' })] as SV)
    const s = useServersStore()
    const p = s.load()
    expect(s.loading).toBe(true)
    await p
    expect(s.loading).toBe(false)
    expect(s.servers.map((x) => x.id)).toEqual(['a', 'b'])
    expect(s.error).toBeNull()
    expect(s.lastLoaded).toBeInstanceOf(Date)
  })

  it('maps a failed load to {kind, detail} and keeps earlier data', async () => {
    list.mockResolvedValueOnce([server({ id: 'a' })] as SV)
    const s = useServersStore()
    await s.load()
    list.mockRejectedValueOnce({ kind: 'unavailable', detail: 'html_page', op: 'servers.List' })
    await s.load()
    expect(s.error).toEqual({ kind: 'unavailable', detail: 'html_page' })
    expect(s.servers.map((x) => x.id)).toEqual(['a'])
    expect(s.loading).toBe(false)
  })

  it('maps a plain string rejection to internal', async () => {
    list.mockRejectedValueOnce('some raw English text')
    const s = useServersStore()
    await s.load()
    expect(s.error).toEqual({ kind: 'internal', detail: '' })
    expect(s.lastLoaded).toBeNull()
  })

  it('clears the error after a successful load', async () => {
    list.mockRejectedValueOnce({ kind: 'unauthorized', detail: 'token_invalid' })
    const s = useServersStore()
    await s.load()
    expect(s.error?.kind).toBe('unauthorized')
    list.mockResolvedValueOnce([server()] as SV)
    await s.load()
    expect(s.error).toBeNull()
  })

  it('lets the newer of two overlapping loads win (slow first, fast second)', async () => {
    const slow = deferred<SV>()
    const fast = deferred<SV>()
    list.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const s = useServersStore()
    const p1 = s.load()
    const p2 = s.load()
    fast.resolve([server({ id: 'new', openReports: 9 })] as SV)
    await p2
    expect(s.servers.map((x) => x.id)).toEqual(['new'])
    expect(s.loading).toBe(false)
    slow.resolve([server({ id: 'old', openReports: 1 })] as SV)
    await p1
    expect(s.servers.map((x) => x.id)).toEqual(['new'])
    expect(s.totalOpenReports).toBe(9)
    expect(s.loading).toBe(false)
  })

  it('does not let a late failure of an older load set an error over newer data', async () => {
    const slow = deferred<SV>()
    list.mockReturnValueOnce(slow.promise).mockResolvedValueOnce([server({ id: 'new' })] as SV)
    const s = useServersStore()
    const p1 = s.load()
    await s.load()
    slow.reject({ kind: 'unavailable', detail: 'timeout' })
    await p1
    expect(s.error).toBeNull()
    expect(s.servers.map((x) => x.id)).toEqual(['new'])
  })

  it('applies an older load that finishes first, then the newer one', async () => {
    const first = deferred<SV>()
    const second = deferred<SV>()
    list.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const s = useServersStore()
    const p1 = s.load()
    const p2 = s.load()
    first.resolve([server({ id: 'first' })] as SV)
    await p1
    expect(s.servers.map((x) => x.id)).toEqual(['first'])
    expect(s.loading).toBe(true) // the newer load is still running
    second.resolve([server({ id: 'second' })] as SV)
    await p2
    expect(s.servers.map((x) => x.id)).toEqual(['second'])
    expect(s.loading).toBe(false)
  })

  it('subscribe re-loads on servers:changed and is idempotent', async () => {
    list.mockResolvedValue([server({ id: 'a' })] as SV)
    const s = useServersStore()
    s.subscribe()
    s.subscribe()
    s.subscribe()
    expect(eventsOn).toHaveBeenCalledTimes(1)
    expect(eventsOn).toHaveBeenCalledWith('servers:changed', expect.any(Function))
    expect(handlers.get('servers:changed')?.size).toBe(1)

    emit('servers:changed')
    await vi.waitFor(() => expect(list).toHaveBeenCalledTimes(1))
    list.mockResolvedValue([server({ id: 'a' }), server({ id: 'b' })] as SV)
    emit('servers:changed')
    await vi.waitFor(() => expect(s.servers).toHaveLength(2))
    expect(list).toHaveBeenCalledTimes(2)
  })

  it('unsubscribe removes the listener and allows subscribing again', async () => {
    list.mockResolvedValue([] as SV)
    const s = useServersStore()
    s.subscribe()
    s.unsubscribe()
    expect(handlers.get('servers:changed')?.size).toBe(0)
    emit('servers:changed')
    await Promise.resolve()
    expect(list).not.toHaveBeenCalled()
    s.subscribe()
    expect(eventsOn).toHaveBeenCalledTimes(2)
  })

  it('survives a missing Wails runtime when subscribing', () => {
    eventsOn.mockImplementationOnce(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'EventsOnMultiple')")
    })
    const s = useServersStore()
    expect(() => s.subscribe()).not.toThrow()
  })

  it('totalOpenReports sums the open reports of all servers', async () => {
    list.mockResolvedValue([
      server({ id: 'a', openReports: 3 }),
      server({ id: 'b', openReports: 0 }),
      server({ id: 'c', openReports: 12 }),
    ] as SV)
    const s = useServersStore()
    expect(s.totalOpenReports).toBe(0)
    await s.load()
    expect(s.totalOpenReports).toBe(15)
  })

  it('byId finds a server', async () => {
    list.mockResolvedValue([server({ id: 'a', name: 'Alpha' }), server({ id: 'b', name: 'Beta' })] as SV)
    const s = useServersStore()
    await s.load()
    expect(s.byId('b')?.name).toBe('Beta')
    expect(s.byId('zzz')).toBeUndefined()
  })

  it('refresh calls Refresh then re-loads', async () => {
    refresh.mockResolvedValue(undefined)
    list.mockResolvedValue([server({ id: 'a', state: 'syncing' })] as SV)
    const s = useServersStore()
    await s.refresh()
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(list).toHaveBeenCalledTimes(1)
    expect(s.servers[0].state).toBe('syncing')
    expect(s.refreshing).toBe(false)
  })

  it('refresh throws a normalized error when Refresh fails', async () => {
    refresh.mockRejectedValue({ kind: 'rate_limited', detail: '', op: 'servers.Refresh' })
    const s = useServersStore()
    await expect(s.refresh()).rejects.toEqual({ kind: 'rate_limited', detail: '' })
    expect(s.refreshing).toBe(false)
    expect(list).not.toHaveBeenCalled()
  })
})

type JV = Awaited<ReturnType<typeof Get>>
const flush = () => new Promise((r) => setTimeout(r, 0))

describe('servers store: connect, sync, remove', () => {
  it('toConnectRequest trims and sends provider/contract only for managed servers', () => {
    expect(
      toConnectRequest({ input: '  social.example.org ', name: ' City ', hosting: 'self', provider: 'P', contractRef: 'C' }),
    ).toEqual({ input: 'social.example.org', name: 'City', hosting: 'self', provider: '', contractRef: '' })
    expect(
      toConnectRequest({ input: 'x.example', name: '', hosting: 'managed', provider: ' Fedi GmbH ', contractRef: ' K-1 ' }),
    ).toEqual({ input: 'x.example', name: '', hosting: 'managed', provider: 'Fedi GmbH', contractRef: 'K-1' })
  })

  it('connect calls Connect with the request, returns the job id and tracks the job', async () => {
    vi.mocked(Connect).mockResolvedValue('job-7')
    vi.mocked(Get).mockResolvedValue(job({ id: 'job-7', step: 'discovering' }) as JV)
    const s = useServersStore()
    const id = await s.connect({ input: ' a.example ', name: '', hosting: 'self', provider: '', contractRef: '' })
    expect(id).toBe('job-7')
    expect(Connect).toHaveBeenCalledWith({ input: 'a.example', name: '', hosting: 'self', provider: '', contractRef: '' })
    expect(eventsOn).toHaveBeenCalledWith('job:progress:job-7', expect.any(Function))
    await flush()
    expect(useJobsStore().get('job-7')?.step).toBe('discovering')
  })

  it.each([
    [{ kind: 'invalid', detail: 'demo_mode', op: 'servers.Connect' }, { kind: 'invalid', detail: 'demo_mode' }],
    [{ kind: 'invalid', detail: 'not_https' }, { kind: 'invalid', detail: 'not_https' }],
    [{ kind: 'conflict', detail: 'already_connected' }, { kind: 'conflict', detail: 'already_connected' }],
    ['raw English', { kind: 'internal', detail: '' }],
  ])('connect throws the normalized error when it cannot start (%j)', async (rejection, want) => {
    vi.mocked(Connect).mockRejectedValue(rejection)
    const s = useServersStore()
    await expect(s.connect({ input: 'x', name: '', hosting: 'self', provider: '', contractRef: '' })).rejects.toEqual(want)
    expect(eventsOn).not.toHaveBeenCalled()
  })

  it('jobError maps failed and cancelled jobs', () => {
    expect(jobError(job({ state: 'done' }) as JV)).toBeNull()
    expect(jobError(job({ state: 'running' }) as JV)).toBeNull()
    expect(jobError(job({ state: 'cancelled' }) as JV)).toEqual({ kind: 'unavailable', detail: 'cancelled' })
    expect(jobError(job({ state: 'failed', errorKind: 'forbidden', errorDetail: 'not_staff' }) as JV)).toEqual({
      kind: 'forbidden',
      detail: 'not_staff',
    })
    expect(jobError(job({ state: 'failed', errorKind: 'boom', errorDetail: 'weird' }) as JV)).toEqual({
      kind: 'internal',
      detail: '',
    })
  })

  it('syncNow marks the server as syncing until the job ends', async () => {
    vi.mocked(SyncNow).mockResolvedValue('sync-1')
    vi.mocked(Get).mockResolvedValue(job({ id: 'sync-1', kind: 'sync' }) as JV)
    const s = useServersStore()
    const p = s.syncNow('city')
    await flush()
    expect(SyncNow).toHaveBeenCalledWith('city')
    expect(s.syncJobs).toEqual({ city: 'sync-1' })
    emit('job:progress:sync-1', job({ id: 'sync-1', kind: 'sync', done: 1, total: 3 }))
    expect(useJobsStore().get('sync-1')).toMatchObject({ done: 1, total: 3 })
    emit('job:progress:sync-1', job({ id: 'sync-1', kind: 'sync', state: 'done' }))
    await p
    expect(s.syncJobs).toEqual({})
    expect(s.syncErrors).toEqual({})
    expect(handlers.get('job:progress:sync-1')?.size ?? 0).toBe(0)
    expect(useJobsStore().get('sync-1')).toBeUndefined()
  })

  it('syncNow keeps a failed job error for the row, and clears it on the next sync', async () => {
    vi.mocked(SyncNow).mockResolvedValueOnce('sync-1')
    vi.mocked(Get).mockResolvedValueOnce(
      job({ id: 'sync-1', state: 'failed', errorKind: 'unavailable', errorDetail: 'timeout' }) as JV,
    )
    const s = useServersStore()
    await s.syncNow('city')
    expect(s.syncErrors.city).toEqual({ kind: 'unavailable', detail: 'timeout' })

    vi.mocked(SyncNow).mockResolvedValueOnce('sync-2')
    vi.mocked(Get).mockResolvedValueOnce(job({ id: 'sync-2', state: 'done' }) as JV)
    const p = s.syncNow('city')
    expect(s.syncErrors.city).toBeUndefined()
    await p
    expect(s.syncErrors).toEqual({})
  })

  it('syncNow records an error when the sync cannot start', async () => {
    vi.mocked(SyncNow).mockRejectedValue({ kind: 'unauthorized', detail: 'token_invalid', op: 'x' })
    const s = useServersStore()
    await s.syncNow('city')
    expect(s.syncErrors.city).toEqual({ kind: 'unauthorized', detail: 'token_invalid' })
    expect(s.syncJobs).toEqual({})
  })

  it('syncNow does not start a second sync of the same server', async () => {
    vi.mocked(SyncNow).mockResolvedValue('sync-1')
    vi.mocked(Get).mockResolvedValue(job({ id: 'sync-1' }) as JV)
    const s = useServersStore()
    void s.syncNow('city')
    await flush()
    await s.syncNow('city')
    expect(SyncNow).toHaveBeenCalledTimes(1)
  })

  it('remove calls Remove, drops the row and re-reads the list', async () => {
    list.mockResolvedValueOnce([server({ id: 'a' }), server({ id: 'b' })] as SV)
    const s = useServersStore()
    await s.load()
    vi.mocked(Remove).mockResolvedValue({ revoked: true })
    list.mockResolvedValueOnce([server({ id: 'b' })] as SV)
    await expect(s.remove('a')).resolves.toEqual({ revoked: true })
    expect(Remove).toHaveBeenCalledWith('a')
    expect(s.servers.map((x) => x.id)).toEqual(['b'])
    await flush()
    expect(list).toHaveBeenCalledTimes(2)
  })

  it('remove reports revoked=false (the server could not be reached)', async () => {
    vi.mocked(Remove).mockResolvedValue({ revoked: false })
    list.mockResolvedValue([] as SV)
    const s = useServersStore()
    await expect(s.remove('a')).resolves.toEqual({ revoked: false })
  })

  it('remove throws the normalized error and keeps the row', async () => {
    list.mockResolvedValueOnce([server({ id: 'a' })] as SV)
    const s = useServersStore()
    await s.load()
    vi.mocked(Remove).mockRejectedValue({ kind: 'not_found', detail: '', op: 'servers.Remove' })
    await expect(s.remove('a')).rejects.toEqual({ kind: 'not_found', detail: '' })
    expect(s.servers.map((x) => x.id)).toEqual(['a'])
  })
})
