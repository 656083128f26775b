-- wrk script: client credentials grants at POST /token, the demo client asking for a token of its own with its secret
-- in HTTP Basic, as a batch job does before its calls.
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
-- demo-service:demo-service-secret, the demo client's public credentials.
wrk.headers["Authorization"] = "Basic ZGVtby1zZXJ2aWNlOmRlbW8tc2VydmljZS1zZWNyZXQ="
