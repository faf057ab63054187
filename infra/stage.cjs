// serverless.yml's provider.stage: named on the command line every time, never a default, so that a bare
// `serverless deploy` cannot create a stage of the local settings (a table endpoint of 127.0.0.1).
module.exports = async ({ options }) => {
  const stage = options.stage;
  if (typeof stage !== 'string' || stage === '') {
    throw new Error(
      'No stage given: name it with --stage, e.g. `serverless deploy --stage prod` (`npm start` runs --stage local)',
    );
  }
  return stage;
};
