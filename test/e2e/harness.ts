// Helpers for end-to-end tests that run the packed package inside a real n8n process
// (n8n-notes §7). Typical use:
//   const home = createN8nHome('2.8.4');                 // install (cached), pack, fresh user folder
//   await importCredentials(home, [cloudreveCredential(...)]);
//   await importWorkflow(home, workflow);
//   const run = await executeWorkflow(home, workflow.id);  // run.nodes['Cloudreve'].items
//   const n8n = await startN8n(home); … await n8n.stop();  // for REST / trigger tests
export { ensureN8n, isInstalled, N8N_VERSIONS, type N8nInstall, type N8nVersion } from './harness/install';
export { packPackage, makeUserFolder } from './harness/pack';
export { createN8nHome, removeN8nHome, type N8nHome } from './harness/home';
export { n8nEnv, E2E_ENCRYPTION_KEY } from './harness/env';
export {
	runN8nCli,
	importCredentials,
	importWorkflow,
	publishWorkflow,
	executeWorkflow,
	parseExecuteOutput,
	type CliResult,
	type CredentialImport,
	type WorkflowImport,
	type ExecuteResult,
	type NodeRun,
} from './harness/cli';
export { startN8n, type RunningN8n } from './harness/server';
export {
	setupOwner,
	login,
	rest,
	createApiKey,
	getWorkflow,
	runWorkflowManually,
	activateWorkflow,
	getExecution,
	waitForExecution,
	type N8nSession,
} from './harness/rest';
export { redact, registerSecret, tail } from './harness/redact';
export { freePort } from './harness/ports';
export { sampleRss } from './harness/procinfo';
export { cloudreveCredential, listFolderWorkflow, CLOUDREVE_NODE_TYPE, CLOUDREVE_TRIGGER_TYPE } from './harness/fixtures';
