import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { deferred, server } from './helpers'

const handlers = new Map<string, Set<(...a: unknown[]) => void>>()

vi.mock('../wailsjs/go/app/Servers', () => ({ List: vi.fn(), Refresh: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({
  EventsOn: vi.fn((name: string, cb: (...a: unknown[]) => void) => {
    if (!handlers.has(name)) handlers.set(name, new Set())
    handlers.get(name)!.add(cb)
    return () => handlers.get(name)!.delete(cb)
  }),
  BrowserOpenURL: vi.fn(),
}))

import { List, Refresh } from '../wailsjs/go/app/Servers'
import { EventsOn } from '../wailsjs/runtime/runtime'
import { useServersStore } from '../src/stores/servers'

const list = vi.mocked(List)
const refresh = vi.mocked(Refresh)
const eventsOn = vi.mocked(EventsOn)

function emit(name: string) {
  for (const cb of handlers.get(name) ?? []) cb()
}

type SV = Awaited<ReturnType<typeof List>>

beforeEach(() => {
  setActivePinia(createPinia())
  handlers.clear()
  list.mockReset()
  refresh.mockReset()
  eventsOn.mockClear()
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
