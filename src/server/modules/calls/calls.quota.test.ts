import { describe, expect, it } from 'vitest';
import { quotaProblem, usedQuota } from './calls.quota.js';

const school = '/c/d/s1/';
const district = '/c/d/';
const app = (kind: string, holderPath: string | null, schoolPath = school) => ({ kind, schoolPath, holderPath });

describe('recommendation quotas', () => {
  it('counts what an org has sent up, not what is still on its desk or came back', () => {
    const apps = [
      app('general', district),
      app('general', '/c/'),
      app('general', school),
      app('general', district, '/c/d/s2/'),
    ];
    expect(usedQuota(school, apps, []).used).toBe(2);
    expect(usedQuota(district, apps, []).used).toBe(1);
  });

  it('does not count kinds outside the quota', () => {
    const apps = [app('entrusted', district), app('general', district)];
    expect(usedQuota(school, apps, [{ kind: 'entrusted', outsideQuota: true }]).used).toBe(1);
  });

  it('refuses beyond the quota', () => {
    const apps = [app('general', district), app('general', district)];
    expect(quotaProblem(2, school, 'general', apps, [], String)).toBe('推荐名额已用完（2/2）');
    expect(quotaProblem(3, school, 'general', apps, [], String)).toBeNull();
  });

  it('keeps room for a minimum share', () => {
    const kinds = [{ kind: 'youth' as const, minShare: 0.3 }];
    const apps = [app('general', district), app('general', district)];
    // Quota 4, youth needs ceil(1.2)=2: a third general one would leave 1 place for 2 youth.
    expect(quotaProblem(4, school, 'general', apps, kinds, () => '青年教师专项')).toMatch(/青年教师专项.*30%/);
    expect(quotaProblem(4, school, 'youth', apps, kinds, String)).toBeNull();
  });
});
