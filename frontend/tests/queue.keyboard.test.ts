import { describe, expect, it, vi } from 'vitest'
import { KEY_BINDINGS, bindKeys, commandFor, isTypingTarget } from '../src/keyboard'

describe('keyboard map', () => {
  it.each([
    ['j', 'next'], ['ArrowDown', 'next'], ['k', 'prev'], ['ArrowUp', 'prev'], ['Enter', 'open'], ['o', 'open'],
    ['/', 'search'], ['a', 'assign'], ['u', 'unassign'], ['r', 'resolve'], ['c', 'category'], ['x', 'accountAction'],
    [' ', 'toggleSelect'], ['Escape', 'escape'], ['?', 'help'],
  ])('%j → %s', (key, cmd) => {
    expect(commandFor({ key, target: document.body })).toBe(cmd)
  })

  it('Shift+R resolves the group, Shift+O reopens', () => {
    expect(commandFor({ key: 'R', shiftKey: true })).toBe('resolveGroup')
    expect(commandFor({ key: 'O', shiftKey: true })).toBe('reopen')
  })

  it('ignores keys with Ctrl, Cmd or Alt, and unknown keys', () => {
    expect(commandFor({ key: 'r', ctrlKey: true })).toBeNull()
    expect(commandFor({ key: 'a', metaKey: true })).toBeNull()
    expect(commandFor({ key: 'j', altKey: true })).toBeNull()
    expect(commandFor({ key: 'z' })).toBeNull()
  })

  it('does nothing while typing, except Escape', () => {
    const input = document.createElement('input')
    const area = document.createElement('textarea')
    const editable = document.createElement('div')
    editable.setAttribute('contenteditable', 'true')
    for (const el of [input, area, editable]) {
      expect(isTypingTarget(el)).toBe(true)
      for (const key of ['j', 'r', 'x', '/', '?', ' ']) expect(commandFor({ key, target: el })).toBeNull()
      expect(commandFor({ key: 'Escape', target: el })).toBe('escape')
    }
    const check = document.createElement('input')
    check.type = 'checkbox'
    expect(isTypingTarget(check)).toBe(false)
  })

  it('lists every command in the help', () => {
    const cmds = KEY_BINDINGS.map((b) => b.command)
    for (const c of ['next', 'prev', 'open', 'search', 'assign', 'unassign', 'resolve', 'resolveGroup', 'reopen', 'category', 'accountAction', 'toggleSelect', 'escape', 'help']) {
      expect(cmds).toContain(c)
    }
  })

  it('bindKeys dispatches and prevents the default, and unbinds', () => {
    const handle = vi.fn(() => true)
    const off = bindKeys(window, handle)
    const ev = new KeyboardEvent('keydown', { key: 'j', cancelable: true })
    window.dispatchEvent(ev)
    expect(handle).toHaveBeenCalledWith('next', ev)
    expect(ev.defaultPrevented).toBe(true)
    off()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k' }))
    expect(handle).toHaveBeenCalledTimes(1)
  })
})
