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

  const campaign = {
    identifier: 'q1-docs',
    title: 'Document every service',
    deadline: '2027-03-31',
    rules: [{ scorecard: 'readiness', rule: 'documented' }],
  };

  it.each([
    ['__proto__', 'is the name of a property every JavaScript object has'],
    ['constructor', 'is the name of a property every JavaScript object has'],
    ['toString', 'is the name of a property every JavaScript object has'],
    ['../../etc/passwd', 'has a "." or ".." path segment'],
    ['a/../b', 'has a "." or ".." path segment'],
    ['x'.repeat(10_000), 'must be at most 100 characters long; got 10000'],
    // A campaign once took a 1 MB identifier, then could not be deleted.
    ['x'.repeat(1 << 20), 'must be at most 100 characters long; got 1048576'],
  ])('refuses the identifier %j', (identifier, reason) => {
    const problems = checkCampaign({ ...campaign, identifier }, scorecards);
    expect(problems).toEqual([
      { pointer: '/identifier', message: expect.stringContaining(reason) },
    ]);
    expect(problems[0].message).toMatch(/^identifier /);
    expect(problems[0].message.length).toBeLessThan(300);
  });

  it('bounds the title and the description', () => {
    expect(
      checkCampaign(
        { ...campaign, title: 't'.repeat(201), description: 'd'.repeat(2001) },
        scorecards,
      ),
    ).toEqual([
      {
        pointer: '/title',
        message: 'title must be at most 200 characters long; got 201',
      },
      {
        pointer: '/description',
        message: 'description must be at most 2000 characters long; got 2001',
      },
    ]);
  });

  it('names scorecards and rules called like Object.prototype properties as unknown', () => {
    expect(
      checkCampaign(
        {
          ...campaign,
          rules: [
            { scorecard: 'constructor', rule: 'documented' },
            { scorecard: 'readiness', rule: 'toString' },
          ],
        },
        scorecards,
      ),
    ).toEqual([
      { pointer: '/rules/0/scorecard', message: 'no scorecard "constructor"' },
      {
        pointer: '/rules/1/rule',
        message:
          'scorecard "readiness" has no rule "toString"; it has owned, documented, tested, calm',
      },
    ]);
  });
});
