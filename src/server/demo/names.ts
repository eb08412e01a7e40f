/** A small deterministic random source, so the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Random = ReturnType<typeof seededRandom>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方邹孟熊秦邱江尹薛闫段雷侯龙史顾';
const GIVEN_F = [
  '静',
  '丽',
  '敏',
  '婷',
  '燕',
  '雪',
  '颖',
  '琳',
  '慧',
  '佳',
  '欣',
  '晓',
  '雯',
  '倩',
  '玲',
  '芳',
  '娟',
  '蕾',
  '月',
  '悦',
  '璐',
  '萍',
  '洁',
  '瑶',
  '思',
  '梦',
  '嘉',
  '宁',
  '心',
  '怡',
];
const GIVEN_M = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '峰',
  '亮',
  '斌',
  '浩',
  '鹏',
  '宇',
  '凯',
  '健',
  '俊',
  '辉',
  '文',
  '志',
  '建',
  '晨',
  '阳',
  '航',
  '毅',
  '子',
  '澄',
  '远',
];

/** A plausible Chinese name; two-character given names two times in three. */
export function personName(r: Random, gender: 'male' | 'female'): string {
  const pool = gender === 'female' ? GIVEN_F : GIVEN_M;
  const given = r.next() < 0.66 ? r.pick(pool) + r.pick([...GIVEN_F, ...GIVEN_M]) : r.pick(pool);
  return r.pick([...SURNAMES]) + given;
}
