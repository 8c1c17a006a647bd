import { describe, expect, it } from 'vitest';
import { classifyTimeliness } from '../deadlines/timeliness.ts';
import { endOfProcessing, overdueAt, progressEnd } from './timing.ts';

const at = (s: string) => new Date(`${s}+07:00`);
const H = 3_600_000;

describe('end of processing (766 rule 2.1)', () => {
  const received = at('2026-03-02T08:00:00');
  it('takes the first terminal status with priority 9 > 10 > stop/refuse', () => {
    const changes = [
      { status: 4, at: at('2026-03-02T09:00:00') },
      { status: 8, at: at('2026-03-03T09:00:00') }, // stopped first…
      { status: 10, at: at('2026-03-06T09:00:00') },
      { status: 9, at: at('2026-03-05T09:00:00') }, // …but 9 wins, whatever its time
    ];
    expect(endOfProcessing(changes, received)).toEqual({ status: 9, at: at('2026-03-05T09:00:00') });
    expect(
      endOfProcessing(
        changes.filter((c) => c.status !== 9),
        received,
      ),
    ).toEqual({ status: 10, at: at('2026-03-06T09:00:00') });
    expect(
      endOfProcessing(
        changes.filter((c) => c.status !== 9 && c.status !== 10),
        received,
      ),
    ).toEqual({ status: 8, at: at('2026-03-03T09:00:00') });
  });
  it('counts a withdrawal as terminal only after receipt', () => {
    const withdrawal = [{ status: 7, at: at('2026-03-01T09:00:00') }];
    expect(endOfProcessing(withdrawal, null)).toBeNull();
    expect(endOfProcessing(withdrawal, received)).toBeNull(); // before the receipt
    expect(endOfProcessing([{ status: 7, at: at('2026-03-04T09:00:00') }], received)).toEqual({ status: 7, at: at('2026-03-04T09:00:00') });
  });
  it('an unfinished dossier has no end', () => {
    expect(
      endOfProcessing(
        [
          { status: 4, at: received },
          { status: 5, at: received },
        ],
        received,
      ),
    ).toBeNull();
  });
});

describe('overdueAt agrees with classifyTimeliness at every period end', () => {
  // A deterministic PRNG so the property test is reproducible.
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const base = at('2026-03-02T08:00:00').getTime();
  it('for random dossiers with 0–3 supplement requests, supplied or not', () => {
    for (let n = 0; n < 150; n++) {
      const receivedAt = new Date(base);
      const hasDue = rnd() < 0.85;
      const dueAt = hasDue ? new Date(base + Math.floor(rnd() * 100) * H) : null;
      const statutoryMaxMs = Math.floor(rnd() * 100) * H;
      const k = Math.floor(rnd() * 4);
      const supplements = Array.from({ length: k }, () => {
        const r = base + Math.floor(rnd() * 120) * H;
        const supplied = rnd() < 0.6 ? new Date(r + Math.floor(rnd() * 40) * H) : null;
        return { requestedAt: new Date(r), suppliedAt: supplied };
      });
      const input = { receivedAt, dueAt, supplements, statutoryMaxMs };
      const o = overdueAt(input);
      for (let h = 0; h <= 200; h++) {
        for (const delta of [-1, 0, 1]) {
          const T = new Date(base + h * H + delta);
          if (T < receivedAt) continue;
          const expected = classifyTimeliness({ receivedAt, dueAt, finishedAt: null, periodEnd: T, supplements, statutoryMaxMs }) === 'overdue';
          expect(o !== null && T >= o, `case ${n} at +${h}h${delta}`).toBe(expected);
        }
      }
    }
  });
  it('exact cases: due + 1 ms; one supplement not brought back stays within time; two requests are overdue from the second', () => {
    const receivedAt = at('2026-03-02T08:00:00');
    const dueAt = at('2026-03-05T17:00:00');
    expect(overdueAt({ receivedAt, dueAt, supplements: [] })).toEqual(new Date(dueAt.getTime() + 1));
    expect(overdueAt({ receivedAt, dueAt, supplements: [{ requestedAt: at('2026-03-03T08:00:00') }] })).toBeNull();
    expect(overdueAt({ receivedAt, dueAt, supplements: [{ requestedAt: at('2026-03-03T08:00:00'), suppliedAt: at('2026-03-04T08:00:00') }] })).toEqual(
      new Date(dueAt.getTime() + 24 * H + 1),
    );
    expect(
      overdueAt({
        receivedAt,
        dueAt,
        supplements: [{ requestedAt: at('2026-03-03T08:00:00'), suppliedAt: at('2026-03-03T09:00:00') }, { requestedAt: at('2026-03-03T10:00:00') }],
      }),
    ).toEqual(at('2026-03-03T10:00:00'));
    // no appointment date: receipt + statutory maximum
    expect(overdueAt({ receivedAt, dueAt: null, supplements: [], statutoryMaxMs: 48 * H })).toEqual(new Date(receivedAt.getTime() + 48 * H + 1));
  });
  it('progressEnd is the earlier of the end of processing and overdueAt, never before the receipt', () => {
    const receivedAt = at('2026-03-02T08:00:00');
    expect(progressEnd({ receivedAt, dueAt: at('2026-03-05T17:00:00'), supplements: [], finishedAt: at('2026-03-03T10:00:00') })).toEqual(
      at('2026-03-03T10:00:00'),
    );
    expect(progressEnd({ receivedAt, dueAt: at('2026-03-01T17:00:00'), supplements: [], finishedAt: null })).toEqual(receivedAt);
    expect(progressEnd({ receivedAt, dueAt: null, supplements: [], finishedAt: null })).toBeNull();
  });
});
