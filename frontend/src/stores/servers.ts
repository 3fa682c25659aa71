import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { List, Refresh } from '../../wailsjs/go/app/Servers'
import { app } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { toAppError, type AppError } from '../errors'

/** Emitted by the backend (no payload) whenever the server list should be re-read. */
export const SERVERS_CHANGED = 'servers:changed'

export const useServersStore = defineStore('servers', () => {
  const servers = ref<app.ServerView[]>([])
  /** True while a load is in flight. */
  const loading = ref(false)
  /** The last List() failure, null after a successful load. */
  const error = ref<AppError | null>(null)
  /** When the list was last loaded successfully; null before the first success. */
  const lastLoaded = ref<Date | null>(null)
  /** True while Refresh() is being called. */
  const refreshing = ref(false)

  // Overlapping loads: every load gets a sequence number; a result is applied
  // only if no newer load has been applied already, so a slow, older load that
  // finishes late never overwrites fresher data.
  let started = 0
  let applied = 0
  let unsubscribe: (() => void) | null = null

  const totalOpenReports = computed(() =>
    servers.value.reduce((sum, s) => sum + (Number.isFinite(s.openReports) ? Math.max(0, s.openReports) : 0), 0),
  )

  const index = computed(() => new Map(servers.value.map((s) => [s.id, s])))
  const byId = computed(() => (id: string): app.ServerView | undefined => index.value.get(id))

  async function load(): Promise<void> {
    const seq = ++started
    loading.value = true
    try {
      const list = await List()
      if (seq > applied) {
        applied = seq
        servers.value = Array.isArray(list) ? list : []
        error.value = null
        lastLoaded.value = new Date()
      }
    } catch (e) {
      if (seq > applied) {
        applied = seq
        error.value = toAppError(e)
      }
    } finally {
      if (seq === started) loading.value = false
    }
  }

  /** Asks the backend to re-sync every server, then re-reads the list. Throws an AppError on failure. */
  async function refresh(): Promise<void> {
    refreshing.value = true
    try {
      await Refresh()
    } catch (e) {
      throw toAppError(e)
    } finally {
      refreshing.value = false
    }
    await load()
  }

  /** Re-loads the list whenever the backend says it changed. Idempotent. */
  function subscribe(): void {
    if (unsubscribe) return
    try {
      const off = EventsOn(SERVERS_CHANGED, () => {
        void load()
      })
      unsubscribe = typeof off === 'function' ? off : () => {}
    } catch {
      // No Wails runtime (plain browser during development): no live updates.
    }
  }

  function unsubscribeAll(): void {
    if (unsubscribe) {
      unsubscribe()
      unsubscribe = null
    }
  }

  return {
    servers,
    loading,
    error,
    lastLoaded,
    refreshing,
    totalOpenReports,
    byId,
    load,
    refresh,
    subscribe,
    unsubscribe: unsubscribeAll,
  }
})
