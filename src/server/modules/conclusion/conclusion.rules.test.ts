import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  evaluatePromises,
  evaluateRule,
  evaluateRules,
  levelRank,
  meetsCondition,
  type OutputFact,
  resultRank,
} from './conclusion.rules.js';

let n = 0;
const out = (kind: string, extra: Partial<OutputFact> = {}): OutputFact => ({
  id: `o${++n}`,
  kind,
  title: `成果${n}`,
  level: null,
  charCount: null,
  result: null,
  ...extra,
});

describe('conclusion rules (pure)', () => {
  it('orders levels national > provincial > city > district > school and results special > … > shortlisted', () => {
    expect(levelRank('national')).toBeGreaterThan(levelRank('provincial'));
    expect(levelRank('city')).toBeGreaterThan(levelRank('district'));
    expect(levelRank('school')).toBe(0);
    expect(levelRank(null)).toBe(-1);
    expect(resultRank('special')).toBeGreaterThan(resultRank('first'));
    expect(resultRank('third')).toBeGreaterThan(resultRank('merit'));
    expect(resultRank('shortlisted')).toBe(0);
  });

  it('needs two provincial publications of 3000 characters for a provincial project', () => {
    const rules = DEFAULT_RULES.provincial;
    const one = [out('publication', { level: 'provincial', charCount: 3500 })];
    expect(evaluateRules(rules, one).passed).toBe(false);
    const tooShort = [...one, out('publication', { level: 'national', charCount: 2999 })];
    expect(evaluateRules(rules, tooShort).rules[0]).toMatchObject({ passed: false, required: 2, actual: 1 });
    const two = [...one, out('publication', { level: 'national', charCount: 3000 })];
    expect(evaluateRules(rules, two)).toMatchObject({ passed: true, rules: [{ required: 2, actual: 2 }] });
  });

  it('does not count a city-level publication for a city project', () => {
    const city = [out('publication', { level: 'city', charCount: 5000 })];
    expect(evaluateRules(DEFAULT_RULES.city, city).passed).toBe(false);
  });

  it('passes a district project on a city award of second prize or better, not on a third prize', () => {
    const rule = DEFAULT_RULES.district[0];
    expect(evaluateRule(rule, [out('award', { level: 'city', result: 'third' })]).passed).toBe(false);
    const second = evaluateRule(rule, [out('award', { level: 'city', result: 'second' })]);
    expect(second).toMatchObject({ passed: true, required: 1, actual: 1 });
    expect(evaluateRule(rule, [out('award', { level: 'district', result: 'first' })]).passed).toBe(false);
    expect(evaluateRule(rule, [out('publication', { level: 'district' })]).passed).toBe(true);
  });

  it('passes a school project on any output and fails it on none', () => {
    expect(evaluateRules(DEFAULT_RULES.school, []).passed).toBe(false);
    expect(evaluateRules(DEFAULT_RULES.school, [out('courseware')]).passed).toBe(true);
  });

  it('reports the records behind a rule', () => {
    const good = out('publication', { level: 'provincial', charCount: 4000 });
    const r = evaluateRule(DEFAULT_RULES.city[0], [good, out('paper')]);
    expect(r.records.map((x) => x.id)).toEqual([good.id]);
  });

  it('counts a publication as a paper, not the other way round', () => {
    expect(meetsCondition(out('publication'), { kind: 'paper', minCount: 1 })).toBe(true);
    expect(meetsCondition(out('paper'), { kind: 'publication', minCount: 1 })).toBe(false);
  });

  it('compares promised outcomes with what was delivered', () => {
    const outputs = [out('paper'), out('publication'), out('lesson')];
    const promises = evaluatePromises(
      [
        { kind: 'paper', count: 2 },
        { kind: 'lesson', count: 2 },
        { kind: 'report', count: 1 },
      ],
      outputs,
    );
    expect(promises.map((p) => [p.kind, p.promised, p.delivered, p.passed])).toEqual([
      ['paper', 2, 2, true],
      ['lesson', 2, 1, false],
      ['report', 1, 0, false],
    ]);
  });
});
