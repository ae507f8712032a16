import {
  DEFAULT_DORA_SETTINGS,
  parseDoraSettings,
  teamsOf,
} from './doraSettings';

describe('parseDoraSettings', () => {
  it('keeps valid settings', () => {
    const settings = {
      preset: 'executive',
      windowDays: 365,
      environment: 'staging',
      team: 'group:default/team-a',
      domain: '',
    };
    expect(parseDoraSettings(settings)).toEqual(settings);
  });

  it('falls back to the defaults field by field', () => {
    expect(parseDoraSettings(undefined)).toEqual(DEFAULT_DORA_SETTINGS);
    expect(
      parseDoraSettings({ preset: 'ceo', windowDays: 7, environment: ' ' }),
    ).toEqual(DEFAULT_DORA_SETTINGS);
  });
});

describe('teamsOf', () => {
  it('keeps the groups, by name', () => {
    expect(teamsOf(['user:default/alice', 'group:default/team-a'])).toEqual([
      'team-a',
    ]);
  });
});
