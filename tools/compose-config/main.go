// Command compose-config loads a Compose project with compose-go, the loader inside Docker Compose,
// the way `docker compose config` does (includes, .env, interpolation, merging, normalisation,
// consistency checks, paths resolved), and prints the result as JSON. With --scale it applies
// replica counts the way `docker compose up --scale` does and checks what the engine would then
// refuse: a fixed container_name or a fixed host port on a service with more than one replica.
//
//	compose-config [--project-directory DIR] [-f FILE]... [--scale SERVICE=N]...
//
// A load error goes to stderr with exit status 1, as `docker compose config` reports it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func main() {
	var files, scales repeated
	projectDir := flag.String("project-directory", "", "project directory (default: the first file's directory)")
	flag.Var(&files, "f", "Compose file (repeatable; default: compose.yaml or docker-compose.yml found from the working directory)")
	flag.Var(&scales, "scale", "SERVICE=N, as `docker compose up --scale` (repeatable)")
	flag.Parse()

	project, err := load(context.Background(), files, *projectDir)
	if err == nil {
		err = scale(project, scales)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-config:", err)
		os.Exit(1)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-config:", err)
		os.Exit(1)
	}
	os.Stdout.Write(append(out, '\n'))
}

// load follows Docker Compose's own sequence (its ProjectOptions.toProjectOptions, LoadProject and
// the config command's options): the OS environment wins over .env, which is read from the
// working directory and again from the project directory; COMPOSE_FILE and the default file names
// apply when no -f is given.
func load(ctx context.Context, files []string, projectDir string) (*types.Project, error) {
	opts := []cli.ProjectOptionsFn{
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithDefaultProfiles(),
		cli.WithDiscardEnvFile,
		cli.WithWorkingDirectory(projectDir),
		cli.WithOsEnv,
	}
	if _, present := os.LookupEnv("PWD"); !present {
		if pwd, err := os.Getwd(); err == nil {
			opts = append(opts, cli.WithEnv([]string{"PWD=" + pwd}))
		}
	}
	opts = append(opts,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(),
		cli.WithName(""),
	)
	options, err := cli.NewProjectOptions(files, opts...)
	if err != nil {
		return nil, err
	}
	project, err := options.LoadProject(ctx)
	if err != nil {
		return nil, err
	}
	if project.Name == "" {
		return nil, errors.New("project name can't be empty")
	}
	project, err = project.WithServicesEnabled()
	if err != nil {
		return nil, err
	}
	project, err = project.WithSelectedServices(nil)
	if err != nil {
		return nil, err
	}
	return project.WithoutUnnecessaryResources(), nil
}

// scale applies SERVICE=N the way `docker compose up --scale` does, then checks what would stop
// N replicas from starting: a container_name (the loader's own consistency rule) or a host port
// published at a fixed number (the second replica could not bind it).
func scale(project *types.Project, scales []string) error {
	for _, s := range scales {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("invalid --scale option %q. Should be SERVICE=NUM", s)
		}
		replicas, err := strconv.Atoi(value)
		if err != nil {
			return err
		}
		service, err := project.GetService(name)
		if err != nil {
			return err
		}
		service.SetScale(replicas)
		project.Services[name] = service
	}
	if err := project.CheckContainerNameUnicity(); err != nil {
		return err
	}
	names := project.ServiceNames()
	sort.Strings(names)
	for _, name := range names {
		service := project.Services[name]
		if service.GetScale() <= 1 {
			continue
		}
		if service.ContainerName != "" {
			return fmt.Errorf("services.%s: can't set container_name and scale %d as container name must be unique",
				name, service.GetScale())
		}
		for _, port := range service.Ports {
			if port.Published != "" && !strings.Contains(port.Published, "-") {
				return fmt.Errorf("services.%s: scale %d, but host port %s is published at a fixed number (only one replica can bind it)",
					name, service.GetScale(), port.Published)
			}
		}
	}
	return nil
}
