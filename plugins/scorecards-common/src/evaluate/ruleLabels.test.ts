import { serviceBlueprint } from '../__testUtils__/fixtures';
import { scorecardRuleLabeler } from './ruleLabels';

describe('scorecardRuleLabeler', () => {
  const label = scorecardRuleLabeler({
    ...serviceBlueprint,
    schema: {
      properties: { coverage: { type: 'number', title: 'Test coverage' } },
    },
    relations: { system: { target: 'System', title: 'Part of system' } },
  });

  it('names properties and relations by their blueprint titles', () => {
    expect(label('coverage')).toBe('Test coverage');
    expect(label('system')).toBe('Part of system');
  });

  it('names DORA figures and meta-properties by their titles', () => {
    expect(label('doraDeploymentsPerDay')).toBe('Deployments per day');
    expect(label('$team')).toBe('Team');
  });

  it('leaves untitled names to their identifiers', () => {
    expect(label('language')).toBeUndefined();
    expect(scorecardRuleLabeler()('coverage')).toBeUndefined();
  });
});
