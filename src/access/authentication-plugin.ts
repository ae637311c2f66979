import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayServerContext } from '../core/context';
import type { Authenticator } from './authenticator';
import { AccessDenied } from './principal';

/** AccessDenied as a GraphQL error: the REST detail as message, UNAUTHENTICATED/FORBIDDEN, the HTTP status. */
export function accessDeniedError(error: AccessDenied): GraphQLError {
  const headers = error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : undefined;
  return new GraphQLError(error.detail, { extensions: { code: error.code, http: { status: error.status, ...(headers ? { headers } : {}) } } });
}

/**
 * Authentication before the document is parsed or validated (Yoga's onParams), so that nothing about the schema,
 * not even a validation error, reaches a caller who is not an admin. Adds `principal` to the server context.
 */
export function useAuthentication(authenticator: Authenticator): Plugin<Record<string, any>, GatewayServerContext> {
  return {
    async onParams({ request, context, setResult }) {
      try {
        context.principal = await authenticator.authenticate(request.headers.get('authorization'));
      } catch (error) {
        if (!(error instanceof AccessDenied)) throw error;
        setResult({ errors: [accessDeniedError(error)] });
      }
    },
  };
}
