import { defineStore } from 'pinia'
import { ref } from 'vue'
import { Cancel, Get } from '../../wailsjs/go/app/Jobs'
import { app } from '../../wailsjs/go/models'
import { EventsOn } from '../../wailsjs/runtime/runtime'
import { toAppError } from '../errors'

/** The prefix of the per-job progress event: "job:progress:<id>". */
export const JOB_PROGRESS = 'job:progress:'

export type JobState = 'running' | 'done' | 'failed' | 'cancelled'

const FINAL: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled'])

/** True for a job that will not change any more. */
export function isFinal(job: Pick<app.JobView, 'state'> | null | undefined): boolean {
  return !!job && FINAL.has(job.state)
}

function isJobView(v: unknown): v is app.JobView {
  return v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' &&
    typeof (v as { state?: unknown }).state === 'string'
}

interface Tracked {
  off: (() => void) | null
  /** An event arrived after subscribing: a Get() answer may be older than it and is ignored. */
  sawEvent: boolean
  waiters: ((v: app.JobView) => void)[]
}

/**
 * Background jobs (connect, sync, …). The backend emits job:progress:<id>
 * (throttled; the final state is always sent). The first event can fire before
 * the UI subscribes, so tracking subscribes first and then reads the job once
 * with Get(); whichever is newer wins, and a final state is never replaced.
 */
export const useJobsStore = defineStore('jobs', () => {
  /** The latest known progress of every tracked job, by job id. */
  const jobs = ref<Record<string, app.JobView>>({})
  const tracked = new Map<string, Tracked>()

  function get(id: string): app.JobView | undefined {
    return jobs.value[id]
  }

  function finish(id: string) {
    const t = tracked.get(id)
    const job = jobs.value[id]
    if (!t || !job) return
    if (t.off) t.off()
    t.off = null
    const waiters = t.waiters
    t.waiters = []
    tracked.delete(id)
    for (const w of waiters) w(job)
  }

  function apply(id: string, view: app.JobView, fromEvent: boolean) {
    const t = tracked.get(id)
    if (!t) return // no longer tracked (already final, or forgotten)
    if (view.id !== id) return
    if (!fromEvent && t.sawEvent && !isFinal(view)) return // a stale snapshot
    if (fromEvent) t.sawEvent = true
    if (isFinal(jobs.value[id])) return
    jobs.value[id] = { ...view }
    if (isFinal(view)) finish(id)
  }

  /**
   * Starts following a job: subscribes to its progress events, then reads it
   * once. Resolves with the final JobView. Tracking the same job twice is fine.
   */
  function track(id: string): Promise<app.JobView> {
    const known = jobs.value[id]
    if (known && isFinal(known)) return Promise.resolve(known)
    const p = new Promise<app.JobView>((resolve) => {
      let t = tracked.get(id)
      if (t) {
        t.waiters.push(resolve)
        return
      }
      t = { off: null, sawEvent: false, waiters: [resolve] }
      tracked.set(id, t)
      if (!jobs.value[id]) {
        jobs.value[id] = { id, kind: '', state: 'running', done: 0, total: 0, step: '', errorKind: '', errorDetail: '', result: '' }
      }
      try {
        const off = EventsOn(JOB_PROGRESS + id, (payload: unknown) => {
          if (isJobView(payload)) apply(id, payload, true)
        })
        t.off = typeof off === 'function' ? off : null
      } catch {
        // No Wails runtime: Get() below is all we learn.
      }
      void Get(id).then(
        (view) => {
          if (isJobView(view)) apply(id, view, false)
        },
        (e) => {
          // The job is unknown (or the backend failed): without an event it would never end.
          const cur = tracked.get(id)
          if (!cur || cur.sawEvent) return
          const err = toAppError(e)
          apply(id, { ...jobs.value[id], id, state: 'failed', errorKind: err.kind, errorDetail: err.detail }, false)
        },
      )
    })
    return p
  }

  /** Resolves with the final state of a tracked (or already finished) job. */
  function wait(id: string): Promise<app.JobView> {
    return track(id)
  }

  /** Asks the backend to cancel a job; the final "cancelled" state arrives as an event. Throws an AppError. */
  async function cancel(id: string): Promise<void> {
    try {
      await Cancel(id)
    } catch (e) {
      throw toAppError(e)
    }
  }

  /** Drops a job from the map (and stops listening if it still runs). */
  function forget(id: string): void {
    const t = tracked.get(id)
    if (t?.off) t.off()
    tracked.delete(id)
    delete jobs.value[id]
  }

  /** How many jobs are being listened to (for tests and diagnostics). */
  function listening(): number {
    return tracked.size
  }

  return { jobs, get, track, wait, cancel, forget, listening }
})
