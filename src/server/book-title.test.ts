import { describe, expect, it } from 'vitest';
import { bookTitle, innerTitle } from './book-title.js';
import { notice } from './modules/notifications/notices.js';

describe('bookTitle', () => {
  it('wraps a plain title in 《》', () => {
    expect(bookTitle('小学整本书阅读策略研究')).toBe('《小学整本书阅读策略研究》');
  });

  it('turns a title’s own 《》 into 〈〉 inside the outer marks, never doubling them', () => {
    expect(bookTitle('《秋天的雨》第二课时教案')).toBe('《〈秋天的雨〉第二课时教案》');
    expect(bookTitle('《给教师的建议》')).toBe('《〈给教师的建议〉》');
    expect(innerTitle('读《论语》与《孟子》')).toBe('读〈论语〉与〈孟子〉');
  });
});

describe('notice titles', () => {
  it('put a title with its own marks inside the template’s 《》 as 〈〉, in the stored title and its values', () => {
    const n = notice('prereview_assigned', { title: '《认识周长》教学设计', competition: '蓝天杯' });
    expect(n.title).toBe('请初审《〈认识周长〉教学设计》（蓝天杯）');
    expect(n.message.params.title).toBe('〈认识周长〉教学设计');
  });
});
