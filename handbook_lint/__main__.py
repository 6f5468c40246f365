from handbook_lint.console import main

main()
