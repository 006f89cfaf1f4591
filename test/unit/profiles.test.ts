import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileService } from '../../main/services/profiles/profiles';
import type { ProfileDraft } from '../../shared/profile-schema';
import { dataPaths } from '../../main/environment/data-paths';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'desk-profiles-'));
const draft = (overrides: Partial<ProfileDraft> = {}): ProfileDraft => ({
  name: 'Ascenda UAT (US)',
  environment: 'uat',
  ascendaRegion: 'us',
  ascendaBaseUrl: 'https://api.us.uat.ascenda.com/',
  gcpBaseUrl: 'https://api.staging.giftcardpartners.example',
  pointRates: { USD: 0.0125 },
  agentName: 'Priya N.',
  ...overrides,
});

describe('profiles', () => {
  it('opens on the built-in Sandbox', () => {
    const profiles = new ProfileService(dataPaths(dir()));
    expect(profiles.list().map((p) => p.name)).toEqual(['Sandbox']);
    expect(profiles.active()).toMatchObject({ id: 'sandbox', environment: 'sandbox', builtIn: true });
  });

  it('creates, persists, edits and activates a profile across restarts', () => {
    const data = dir();
    const profiles = new ProfileService(dataPaths(data));
    const created = profiles.create(draft());
    expect(created.id).toMatch(/^ascenda-uat-us-[0-9a-f]{6}$/);
    expect(created.ascendaBaseUrl).toBe('https://api.us.uat.ascenda.com');
    profiles.update(created.id, { name: 'Ascenda UAT', pointRates: { USD: 0.02, jpy: 1 } });
    profiles.activate(created.id);
    const reopened = new ProfileService(dataPaths(data));
    expect(reopened.active()).toMatchObject({
      id: created.id,
      name: 'Ascenda UAT',
      pointRates: { USD: 0.02, JPY: 1 },
      environment: 'uat',
    });
  });

  it('an edit of one setting never resets another to its default', () => {
    const profiles = new ProfileService(dataPaths(dir()));
    const created = profiles.create(
      draft({ environment: 'production', maxOrderValues: { USD: 250 }, duplicateWindowDays: 3 }),
    );
    const renamed = profiles.update(created.id, { name: 'Renamed' });
    expect(renamed).toMatchObject({
      maxOrderValues: { USD: 250 },
      duplicateWindowDays: 3,
      pointRates: { USD: 0.0125 },
    });
    const sandbox = profiles.update('sandbox', { agentName: 'Sam' });
    expect(sandbox.pointRates).toEqual({ USD: 0.01, JPY: 1 });
  });

  it('an older single cost per point prices nothing until the agent says which currency it was for', () => {
    const data = dir();
    writeFileSync(
      path.join(data, 'profiles.json'),
      JSON.stringify({
        version: 1,
        activeProfileId: 'sandbox',
        sandbox: { cpp: 0.01, agentName: 'Ana', maxOrderValue: 500 },
        profiles: [{ ...draft(), pointRates: undefined, id: 'old-1', cpp: 0.02, maxOrderValue: 800 }],
      }),
    );
    const profiles = new ProfileService(dataPaths(data));
    expect(profiles.loadWarning).toBeNull();
    expect(profiles.get('old-1')).toMatchObject({
      pointRates: {},
      legacyRate: { costPerPoint: 0.02, maxOrderValue: 800 },
    });
    expect(profiles.get('sandbox')).toMatchObject({ pointRates: {}, legacyRate: { costPerPoint: 0.01 } });
    const assigned = profiles.assignLegacyRate('old-1', 'jpy');
    expect(assigned).toMatchObject({
      pointRates: { JPY: 0.02 },
      maxOrderValues: { JPY: 800 },
      legacyRate: null,
    });
    expect(() => profiles.assignLegacyRate('old-1', 'USD')).toThrow(/no earlier cost per point/);
    expect(new ProfileService(dataPaths(data)).get('old-1').legacyRate).toBeNull();
  });

  it('tells listeners the active profile after each change', () => {
    const profiles = new ProfileService(dataPaths(dir()));
    const seen: string[] = [];
    profiles.onChange((id) => seen.push(id));
    const created = profiles.create(draft());
    profiles.activate(created.id);
    profiles.remove(created.id);
    expect(seen).toEqual(['sandbox', created.id, 'sandbox']);
  });

  it('refuses duplicates, plain http to a remote host, and bad numbers, saving nothing', () => {
    const data = dir();
    const profiles = new ProfileService(dataPaths(data));
    profiles.create(draft());
    expect(() => profiles.create(draft({ name: 'ascenda uat (us)' }))).toThrow(/already exists/);
    expect(() => profiles.create(draft({ name: 'B', ascendaBaseUrl: 'http://api.example.com' }))).toThrow(
      /https/,
    );
    expect(() => profiles.create(draft({ name: 'C', pointRates: { USD: 0 } }))).toThrow(/more than 0/);
    expect(() => profiles.create(draft({ name: 'C2', pointRates: { US: 0.01 } }))).toThrow(/3-letter code/);
    expect(() => profiles.create(draft({ name: 'D', gcpBaseUrl: 'https://user:pw@example.com' }))).toThrow(
      /credentials/,
    );
    expect(new ProfileService(dataPaths(data)).list()).toHaveLength(2);
  });

  it('allows plain http on loopback, for the simulators', () => {
    const profiles = new ProfileService(dataPaths(dir()));
    expect(profiles.create(draft({ ascendaBaseUrl: 'http://127.0.0.1:4010' })).ascendaBaseUrl).toBe(
      'http://127.0.0.1:4010',
    );
  });

  it("keeps the Sandbox built in: only the agent's own settings change, and it cannot be deleted", () => {
    const profiles = new ProfileService(dataPaths(dir()));
    expect(profiles.update('sandbox', { agentName: 'Sam', pointRates: { USD: 0.005 } })).toMatchObject({
      agentName: 'Sam',
      pointRates: { USD: 0.005 },
    });
    expect(() => profiles.update('sandbox', { name: 'Mine' })).toThrow(/built in/);
    expect(() => profiles.remove('sandbox')).toThrow(/cannot be deleted/);
  });

  it('falls back to the Sandbox when the active profile is deleted', () => {
    const profiles = new ProfileService(dataPaths(dir()));
    const created = profiles.create(draft());
    profiles.activate(created.id);
    profiles.remove(created.id);
    expect(profiles.active().id).toBe('sandbox');
    expect(() => profiles.get(created.id)).toThrow(/No profile/);
  });

  it('keeps an unreadable profiles file aside instead of overwriting it, and says so', () => {
    const data = dir();
    writeFileSync(path.join(data, 'profiles.json'), '{"version": 1, "profiles": [oops');
    const profiles = new ProfileService(dataPaths(data));
    expect(profiles.list()).toHaveLength(1);
    expect(profiles.loadWarning).toMatch(/could not be read/);
    const aside = readdirSync(data).find((f) => f.startsWith('profiles.json.unreadable-'))!;
    expect(readFileSync(path.join(data, aside), 'utf8')).toContain('oops');
  });

  it('loads a profiles file written before deposit currencies, with none set (the first reading decides)', () => {
    const data = dir();
    const older = { id: 'uat-abc123', ...draft() };
    writeFileSync(
      path.join(data, 'profiles.json'),
      JSON.stringify({
        version: 1,
        activeProfileId: 'uat-abc123',
        sandbox: {
          cpp: 0.01,
          agentName: 'Priya N.',
          lowBalanceThresholds: [1000, 250],
          fundingPortalUrl: '',
        },
        profiles: [older],
      }),
    );
    const profiles = new ProfileService(dataPaths(data));
    expect(profiles.loadWarning).toBeNull();
    expect(profiles.get('uat-abc123').depositCurrency).toBe('');
    expect(profiles.get('sandbox').depositCurrency).toBe('');
    expect(profiles.update('uat-abc123', { depositCurrency: ' eur ' }).depositCurrency).toBe('EUR');
    expect(profiles.update('sandbox', { depositCurrency: 'usd' }).depositCurrency).toBe('USD');
    expect(() => profiles.update('uat-abc123', { depositCurrency: 'US' })).toThrow(/3-letter currency code/);
    expect(new ProfileService(dataPaths(data)).get('uat-abc123').depositCurrency).toBe('EUR');
  });

  it('stores no credential fields at all', () => {
    const data = dir();
    new ProfileService(dataPaths(data)).create(draft());
    const saved = JSON.parse(readFileSync(path.join(data, 'profiles.json'), 'utf8'));
    expect(Object.keys(saved.profiles[0]).sort()).toEqual([
      'agentName',
      'ascendaBaseUrl',
      'ascendaRegion',
      'depositCurrency',
      'duplicateWindowDays',
      'environment',
      'fundingPortalUrl',
      'gcpBaseUrl',
      'id',
      'legacyRate',
      'lowBalanceThresholds',
      'maxOrderValues',
      'name',
      'pointRates',
      'unknownStatusAlertHours',
    ]);
  });
});

describe('base URL validation', () => {
  it('gives one clear message per problem and never throws on garbage', async () => {
    const { baseUrlSchema } = await import('../../shared/profile-schema');
    const message = (value: string) => {
      const result = baseUrlSchema.safeParse(value);
      return result.success ? null : result.error.issues.map((i) => i.message);
    };
    expect(message('')).toEqual(['Enter a base URL']);
    expect(message('not a url')).toEqual(['Enter a full URL such as https://api.us.uat.ascenda.com']);
    expect(message('ftp://example.com')).toEqual([
      'Use https:// (plain http:// only for 127.0.0.1 or localhost)',
    ]);
    expect(message('https://example.com/?x=1')).toEqual([
      'A base URL carries no credentials, query or fragment',
    ]);
    expect(message(' https://example.com/api/ ')).toBeNull();
    expect(baseUrlSchema.parse('https://example.com/api/')).toBe('https://example.com/api');
  });
});
