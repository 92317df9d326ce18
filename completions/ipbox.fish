# fish completion for ipbox and its applet names.

function __ipbox_netns_names
    for f in /run/netns/*
        test -e $f; and basename $f
    end
end

for prog in ipbox ip
    complete -c $prog -f
    complete -c $prog -o V -o Version -d 'print the version'
    complete -c $prog -o s -o stats -o statistics -d 'show statistics'
    complete -c $prog -o d -o details -d 'show details'
    complete -c $prog -o h -o human -o human-readable -d 'human-readable sizes'
    complete -c $prog -o j -o json -d 'JSON output'
    complete -c $prog -o p -o pretty -d 'indented JSON'
    complete -c $prog -o f -o family -x -a 'inet inet6 link' -d 'address family'
    complete -c $prog -o 4 -d 'IPv4 only'
    complete -c $prog -o 6 -d 'IPv6 only'
    complete -c $prog -o 0 -d 'link layer only'
    complete -c $prog -o br -o brief -d 'brief output'
    complete -c $prog -o o -o oneline -d 'one line per record'
    complete -c $prog -o b -o batch -r -F -d 'read commands from a file'
    complete -c $prog -o force -d 'go on after errors in a batch'
    complete -c $prog -o n -o netns -x -a '(__ipbox_netns_names)' -d 'run in a network namespace'
    complete -c $prog -o a -o all -d 'all objects'
    complete -c $prog -o c -o color -d 'colour output'
    complete -c $prog -o help -d usage
    complete -c $prog -n __fish_use_subcommand -a 'address link nat neighbor netns route help'
    complete -c $prog -n '__fish_seen_subcommand_from netns; and not __fish_seen_subcommand_from list add attach set delete identify pids exec monitor list-id help' \
        -a 'list add attach set delete identify pids exec monitor list-id help'
    complete -c $prog -n '__fish_seen_subcommand_from delete exec set pids attach' -a '(__ipbox_netns_names)'
end
complete -c ipbox -l install -r -d 'make applet links in DIR'
complete -c ipbox -l list -d 'list applet names'
for prog in netns ipnetns
    complete -c $prog -f -n 'not __fish_seen_subcommand_from list add attach set delete identify pids exec monitor list-id help' \
        -a 'list add attach set delete identify pids exec monitor list-id help'
    complete -c $prog -n '__fish_seen_subcommand_from delete exec set pids attach' -a '(__ipbox_netns_names)'
end
