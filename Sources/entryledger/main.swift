print("entryledger")
