import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { Connect, List, Refresh, Remove, SyncNow } from '../../wailsjs/go/app/Servers'
import { app } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { fromKindDetail, toAppError, type AppError } from '../errors'
import { useJobsStore } from './jobs'

/** Emitted by the backend (no payload) whenever the server list should be re-read. */
export const SERVERS_CHANGED = 'servers:changed'

export type Hosting = 'self' | 'managed'

/** The "connect a server" form, as the UI holds it (the backend re-checks everything). */
export interface ConnectForm {
  input: string
  name: string
  hosting: Hosting
  provider: string
  contractRef: string
}

/** Builds the request from the form: trimmed, and provider/contract only for managed servers. */
export function toConnectRequest(f: ConnectForm): app.ConnectRequest {
  const managed = f.hosting === 'managed'
  return {
    input: f.input.trim(),
    name: f.name.trim(),
    hosting: managed ? 'managed' : 'self',
    provider: managed ? f.provider.trim() : '',
    contractRef: managed ? f.contractRef.trim() : '',
  }
}

/** The AppError of a failed or cancelled job; null for a running or successful one. */
export function jobError(job: app.JobView): AppError | null {
  if (job.state === 'cancelled') return { kind: 'unavailable', detail: 'cancelled' }
  if (job.state === 'failed') return fromKindDetail(job.errorKind, job.errorDetail)
  return null
}

export const useServersStore = defineStore('servers', () => {
  const jobsStore = useJobsStore()
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

  /** The running sync job of a server, by server id. */
  const syncJobs = ref<Record<string, string>>({})
  /** The failure of a server's last "Sync now", by server id; cleared when it is synced again. */
  const syncErrors = ref<Record<string, AppError>>({})

  /**
   * Starts connecting a server (the system browser opens for sign-in) and
   * tracks the job. Returns the job id; throws an AppError when it cannot start.
   */
  async function connect(form: ConnectForm): Promise<string> {
    let jobId: string
    try {
      jobId = await Connect(toConnectRequest(form))
    } catch (e) {
      throw toAppError(e)
    }
    void jobsStore.track(jobId)
    return jobId
  }

  /**
   * Syncs one server now and resolves when the sync job has ended; never
   * throws: a failure lands in syncErrors[id] for the row to show.
   */
  async function syncNow(id: string): Promise<void> {
    if (syncJobs.value[id]) return // already syncing
    delete syncErrors.value[id]
    let jobId: string
    try {
      jobId = await SyncNow(id)
    } catch (e) {
      syncErrors.value[id] = toAppError(e)
      return
    }
    syncJobs.value[id] = jobId
    try {
      const job = await jobsStore.track(jobId)
      const err = jobError(job)
      if (err) syncErrors.value[id] = err
    } finally {
      delete syncJobs.value[id]
      jobsStore.forget(jobId)
    }
  }

  /** Removes a server (revokes its token, deletes token and cache), then re-reads the list. Throws an AppError. */
  async function remove(id: string): Promise<app.RemoveResult> {
    let result: app.RemoveResult
    try {
      result = await Remove(id)
    } catch (e) {
      throw toAppError(e)
    }
    servers.value = servers.value.filter((s) => s.id !== id)
    delete syncErrors.value[id]
    void load()
    return { revoked: result?.revoked === true }
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
    syncJobs,
    syncErrors,
    load,
    refresh,
    connect,
    syncNow,
    remove,
    subscribe,
    unsubscribe: unsubscribeAll,
  }
})
