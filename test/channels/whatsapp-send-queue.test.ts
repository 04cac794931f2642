import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SendQueue } from '../../src/channels/whatsapp/send-queue.js';

/** Time is vitest's fake clock: the assertions are about order and spacing, never about wall-clock speed. */

const T0 = Date.parse('2026-11-23T10:00:00Z');
let sent: { chat: string; text: string; at: number }[];
let errors: unknown[];

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  sent = [];
  errors = [];
});
afterEach(() => vi.useRealTimers());

const sender = (chat: string, text: string) => async () => void sent.push({ chat, text, at: Date.now() - T0 });

describe('the WhatsApp send queue', () => {
  it('sends to one chat in order, at most one message per second', async () => {
    const queue = new SendQueue((e) => errors.push(e));
    for (const text of ['a1', 'a2', 'a3']) void queue.push('A', sender('A', text));
    await vi.runAllTimersAsync();
    expect(sent).toEqual([
      { chat: 'A', text: 'a1', at: 0 },
      { chat: 'A', text: 'a2', at: 1000 },
      { chat: 'A', text: 'a3', at: 2000 },
    ]);
  });

  it("another chat does not wait for the first chat's pause", async () => {
    const queue = new SendQueue((e) => errors.push(e));
    void queue.push('A', sender('A', 'a1'));
    void queue.push('A', sender('A', 'a2'));
    await vi.advanceTimersByTimeAsync(300);
    void queue.push('B', sender('B', 'b1'));
    await vi.runAllTimersAsync();
    expect(sent).toEqual([
      { chat: 'A', text: 'a1', at: 0 },
      { chat: 'B', text: 'b1', at: 300 },
      { chat: 'A', text: 'a2', at: 1000 },
    ]);
  });

  it('a chat that wrote again after a pause is answered at once', async () => {
    const queue = new SendQueue((e) => errors.push(e));
    void queue.push('A', sender('A', 'a1'));
    await vi.advanceTimersByTimeAsync(5000);
    void queue.push('A', sender('A', 'a2'));
    await vi.advanceTimersByTimeAsync(400);
    void queue.push('A', sender('A', 'a3'));
    await vi.runAllTimersAsync();
    expect(sent.map((s) => s.at)).toEqual([0, 5000, 6000]);
  });

  it('keeps the global limit per rolling window, chats taking turns in order of arrival', async () => {
    const queue = new SendQueue((e) => errors.push(e), { globalLimit: 3, globalWindowMs: 10_000 });
    for (const chat of ['A', 'B', 'C', 'D', 'E']) void queue.push(chat, sender(chat, `${chat}1`));
    void queue.push('A', sender('A', 'A2'));
    await vi.runAllTimersAsync();
    expect(sent).toEqual([
      { chat: 'A', text: 'A1', at: 0 },
      { chat: 'B', text: 'B1', at: 0 },
      { chat: 'C', text: 'C1', at: 0 },
      { chat: 'D', text: 'D1', at: 10_000 },
      { chat: 'E', text: 'E1', at: 10_000 },
      { chat: 'A', text: 'A2', at: 10_000 },
    ]);
    // Never more than 3 in any 10 s.
    for (const s of sent) expect(sent.filter((o) => o.at >= s.at && o.at < s.at + 10_000).length).toBeLessThanOrEqual(3);
  });

  it('a failing send is reported and the next message still goes', async () => {
    const queue = new SendQueue((e) => errors.push(e));
    const failed = queue.push('A', async () => {
      throw new Error('Evaluation failed');
    });
    const next = queue.push('A', sender('A', 'a2'));
    await vi.runAllTimersAsync();
    await expect(failed).resolves.toBeUndefined();
    await expect(next).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(sent).toEqual([{ chat: 'A', text: 'a2', at: 1000 }]);
  });

  it('idle() waits for the queue to empty; close() drops what is left and refuses more', async () => {
    const queue = new SendQueue((e) => errors.push(e));
    for (const text of ['a1', 'a2', 'a3']) void queue.push('A', sender('A', text));
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(1500);
    expect(idle).toBe(false);
    expect(queue.pending).toBe(1);
    expect(queue.close()).toBe(1);
    await vi.runAllTimersAsync();
    expect(idle).toBe(true);
    await queue.push('A', sender('A', 'late'));
    expect(sent.map((s) => s.text)).toEqual(['a1', 'a2']);
  });

  it('an empty queue is idle at once', async () => {
    await expect(new SendQueue(() => {}).idle()).resolves.toBeUndefined();
  });
});
