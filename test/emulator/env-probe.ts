// Run in a child process by env.test.ts: SDK clients built WITHOUT an endpoint, so only the environment
// (AWS_ENDPOINT_URL_*) can point them, and the nested SSO / SSO OIDC clients of fromSSO, at the emulator.
// Prints one JSON line: for each profile named in argv, the caller ARN and the ECR proxy endpoint.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-providers';

const results: Array<{ profile: string; arn?: string; proxyEndpoint?: string }> = [];
for (const profile of process.argv.slice(2)) {
  const credentials = fromSSO({ profile });
  const identity = await new STSClient({ profile, credentials }).send(new GetCallerIdentityCommand({}));
  const token = await new ECRClient({ profile, credentials }).send(new GetAuthorizationTokenCommand({}));
  results.push({ profile, arn: identity.Arn, proxyEndpoint: token.authorizationData?.[0]?.proxyEndpoint });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
