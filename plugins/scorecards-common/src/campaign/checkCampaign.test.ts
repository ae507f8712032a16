import { readiness } from '../__testUtils__/fixtures';
import { checkCampaign } from './checkCampaign';

const scorecards = new Map([['readiness', readiness]]);

describe('checkCampaign', () => {
  it('accepts a campaign over rules of existing scorecards', () => {
    expect(
      checkCampaign(
        {
          identifier: 'q1-docs',
          title: 'Document every service',
          deadline: '2027-03-31',
          target: 0.9,
          rules: [{ scorecard: 'readiness', rule: 'documented' }],
        },
        scorecards,
      ),
    ).toEqual([]);
  });

  it('names each mistake at its place', () => {
    expect(
      checkCampaign(
        {
          identifier: 'x',
          title: '',
          deadline: 'next spring',
          target: 2,
          rules: [
            { scorecard: 'readiness', rule: 'nope' },
            { scorecard: 'other', rule: 'documented' },
          ],
        },
        scorecards,
        '/campaigns/0',
      ),
    ).toEqual([
      { pointer: '/campaigns/0/title', message: 'expected a title' },
      {
        pointer: '/campaigns/0/deadline',
        message: 'expected an ISO 8601 date; got "next spring"',
      },
      {
        pointer: '/campaigns/0/target',
        message: 'expected a share above 0 and at most 1; got 2',
      },
      {
        pointer: '/campaigns/0/rules/0/rule',
        message:
          'scorecard "readiness" has no rule "nope"; it has owned, documented, tested, calm',
      },
      {
        pointer: '/campaigns/0/rules/1/scorecard',
        message: 'no scorecard "other"',
      },
    ]);
  });
});
