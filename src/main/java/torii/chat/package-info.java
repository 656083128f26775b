/**
 * Chat: the page at {@code /} where people sign in and talk to their applications, plain files from the WAR that call
 * {@code /token}, {@code /users/me/apps} and the OpenAI-compatible {@code /v1/chat/completions} like any other client.
 */
package torii.chat;
