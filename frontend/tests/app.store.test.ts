import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

vi.mock('../wailsjs/go/app/About', () => ({ Info: vi.fn() }))
vi.mock('../wailsjs/runtime/runtime', () => ({ BrowserOpenURL: vi.fn(), EventsOn: vi.fn() }))

import { Info } from '../wailsjs/go/app/About'
import { BrowserOpenURL } from '../wailsjs/runtime/runtime'
import { useAppStore } from '../src/stores/app'

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(Info).mockReset()
  vi.mocked(BrowserOpenURL).mockReset()
})

describe('app store', () => {
  it('loads the app info and reports demo mode', async () => {
    vi.mocked(Info).mockResolvedValue({ version: '1', demo: true, os: 'linux', dataDir: '/d', language: 'en' } as never)
    const s = useAppStore()
    expect(s.isDemo).toBe(false)
    await s.load()
    expect(s.info?.version).toBe('1')
    expect(s.isDemo).toBe(true)
    expect(s.error).toBeNull()
  })

  it('maps a failure and is not in demo mode', async () => {
    vi.mocked(Info).mockRejectedValue('boom')
    const s = useAppStore()
    await s.load()
    expect(s.error).toEqual({ kind: 'internal', detail: '' })
    expect(s.isDemo).toBe(false)
  })

  it('opens only http(s)/mailto URLs in the system browser', () => {
    const s = useAppStore()
    expect(s.openExternal('https://ok.example')).toBe(true)
    expect(s.openExternal('javascript:alert(1)')).toBe(false)
    expect(s.openExternal('file:///etc/passwd')).toBe(false)
    expect(BrowserOpenURL).toHaveBeenCalledTimes(1)
    expect(BrowserOpenURL).toHaveBeenCalledWith('https://ok.example')
  })
})
