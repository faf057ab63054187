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

/**
 * `serverless package` of the service in `serviceDir` (the repository root's serverless, as a deploy
 * pipeline runs it): no AWS credentials, no network, esbuild's work in a folder of its own.
 * Answers the CloudFormation template it wrote.
 */
export const packageService = async (
  serviceDir: string,
  stage: string,
  env: Record<string, string> = {},
): Promise<Template> => {
  const outDir = mkdtempSync(join(tmpdir(), 'serverless-package-'));
  // serverless-esbuild takes its work folder relative to the service; one per call lets packages build side by side.
  const workFolder = `.esbuild-package-${randomUUID()}`;
  try {
    await promisify(execFile)(
      process.execPath,
      [require.resolve('serverless/bin/serverless.js'), 'package', '--stage', stage, '--package', outDir],
      {
        cwd: serviceDir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ESBUILD_WORK_FOLDER: workFolder, ...env },
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`serverless package in ${serviceDir} failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    return JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(join(serviceDir, workFolder), { recursive: true, force: true });
  }
};

/** The resources of `template` of one CloudFormation type, with their logical ids. */
export const ofType = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
