using GitOps.Build;

// Host set-up and nothing else: tasks are discovered in this assembly (see BuildHost).
return await BuildHost.Create().RunAsync(args);
