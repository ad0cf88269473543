// The shared test helpers (RepositoryCopy, TestTools, Eventually) in every test file.
global using GitOps.Build.Tests.Support;
