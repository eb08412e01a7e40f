import { describe, expect, it } from 'vitest';
import { identityRedactor, identityVariants } from './reviews.presenter.js';

describe('blind review: the ways a name is written', () => {
  it('knows a school without its note and without the district before it, a person as 某老师 and by given name', () => {
    expect(identityVariants('示例区实验小学（示例）')).toEqual([
      '示例区实验小学（示例）',
      '示例区实验小学',
      '实验小学',
    ]);
    expect(identityVariants('常州市武进区湖塘实验中学')).toEqual(['常州市武进区湖塘实验中学', '湖塘实验中学']);
    expect(identityVariants('邱毅梦')).toEqual(['邱毅梦', '邱老师', '毅梦']);
    expect(identityVariants('王明')).toEqual(['王明', '王老师']);
    // A short remainder is not a name of its own (区一小 → 一小 would blank every 一小).
    expect(identityVariants('一区一小学')).toEqual(['一区一小学']);
  });

  it('blanks the short forms in the text an expert reads', () => {
    const r = identityRedactor(['邱毅梦', '示例区实验小学（示例）', '蒋丽凯']);
    const text =
      '本课题由示例区实验小学（示例）邱毅梦老师主持，实验小学英语组全体参与；邱老师与蒋老师分工，毅梦负责前测。';
    const out = r.text(text);
    for (const leak of ['邱毅梦', '实验小学', '邱老师', '蒋老师', '毅梦']) expect(out, leak).not.toContain(leak);
    expect(out).toContain('英语组全体参与');
    expect(r.json({ a: ['邱老师说'] })).toEqual({ a: ['***说'] });
  });
});
