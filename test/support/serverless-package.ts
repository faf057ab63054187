import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; Condition?: string };
export interface Template {
  Resources: Record<string, Resource>;
  Conditions?: Record<string, unknown>;
  Outputs: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

/** A finished `serverless package`: its template, or the output of its failure. */
type Outcome = { template: Template } | { failure: string };

/**
 * `serverless package` of the service in `serviceDir` (the repository root's serverless, as a deploy
 * pipeline runs it): no AWS credentials, no network, esbuild's work in a folder of its own.
 * `stage` undefined: no --stage at all.
 */
const runPackage = async (
  serviceDir: string,
  stage: string | undefined,
  env: Record<string, string>,
): Promise<Outcome> => {
  const outDir = mkdtempSync(join(tmpdir(), 'serverless-package-'));
  // serverless-esbuild takes its work folder relative to the service; one per call lets packages build side by side.
  const workFolder = `.esbuild-package-${randomUUID()}`;
  const stageArgs = stage === undefined ? [] : ['--stage', stage];
  try {
    await promisify(execFile)(
      process.execPath,
      [require.resolve('serverless/bin/serverless.js'), 'package', ...stageArgs, '--package', outDir],
      {
        cwd: serviceDir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ESBUILD_WORK_FOLDER: workFolder, ...env },
      },
    );
    return {
      template: JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template,
    };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { failure: `${stdout}\n${stderr}` };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(join(serviceDir, workFolder), { recursive: true, force: true });
  }
};

/** `serverless package` of the service in `serviceDir` for `stage`: the CloudFormation template it wrote. */
export const packageService = async (
  serviceDir: string,
  stage: string,
  env: Record<string, string> = {},
): Promise<Template> => {
  const outcome = await runPackage(serviceDir, stage, env);
  if ('failure' in outcome) throw new Error(`serverless package in ${serviceDir} failed:\n${outcome.failure}`);
  return outcome.template;
};

/** `serverless package` that is expected to stop: what it printed (it throws if packaging succeeded). */
export const packageFailure = async (
  serviceDir: string,
  stage: string | undefined,
  env: Record<string, string> = {},
): Promise<string> => {
  const outcome = await runPackage(serviceDir, stage, env);
  if ('template' in outcome) throw new Error(`serverless package in ${serviceDir} succeeded`);
  return outcome.failure;
};

/** The resources of `template` of one CloudFormation type, with their logical ids. */
export const ofType = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
