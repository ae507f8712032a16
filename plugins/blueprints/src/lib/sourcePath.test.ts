import { displaySource } from './sourcePath';

describe('displaySource', () => {
  it('leaves out the steps from the backend to a file', () => {
    expect(
      displaySource('../../examples/plinth/blueprints/Component.json'),
    ).toBe('examples/plinth/blueprints/Component.json');
    expect(displaySource('./scorecards/dora.yaml')).toBe(
      'scorecards/dora.yaml',
    );
  });

  it('keeps URLs, entity refs and plain paths as they are', () => {
    expect(displaySource('https://example.com/../x.json')).toBe(
      'https://example.com/../x.json',
    );
    expect(displaySource('scorecard:default/dora')).toBe(
      'scorecard:default/dora',
    );
    expect(displaySource('examples/x.json')).toBe('examples/x.json');
  });
});
